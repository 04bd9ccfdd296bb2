import { css } from 'lit';

export const imageStyles = css`
  .frame {
    min-height: var(--ml-media-min-height, 160px);
  }
  img,
  video {
    display: block;
    max-width: 100%;
    max-height: var(--ml-image-max-height, 70vh);
    object-fit: contain;
  }
  .frame[style*='height'] img,
  .frame[style*='height'] video {
    height: 100%;
    max-height: none;
  }
  .frame:fullscreen img {
    width: 100%;
    height: 100%;
    max-height: none;
  }
  img {
    cursor: crosshair;
  }
  .mirror {
    transform: scaleX(-1);
  }
`;
