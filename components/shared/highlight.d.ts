// Types for highlight.js's official ES-module build (@highlightjs/cdn-assets ships JavaScript only); the API types
// come from the highlight.js package of the same version.
declare module '@highlightjs/cdn-assets/es/core.min.js' {
  import type { HLJSApi } from 'highlight.js';
  const hljs: HLJSApi;
  export default hljs;
}

declare module '@highlightjs/cdn-assets/es/languages/*' {
  import type { LanguageFn } from 'highlight.js';
  const language: LanguageFn;
  export default language;
}
