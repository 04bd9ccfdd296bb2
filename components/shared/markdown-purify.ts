// DOMPurify, configured once for remote HTML: the sanitiser behind `sanitizeHtml` and raw HTML in markdown.
import createDOMPurify from 'dompurify';

type Purifier = ReturnType<typeof createDOMPurify>;
let purifier: Purifier | null = null;

/** Our own DOMPurify instance (hooks never leak into a page's copy), created on first use so imports stay SSR-safe. */
function purify(): Purifier {
  if (purifier) return purifier;
  const p = createDOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    // Links from remote content open in a new tab and never get the opener.
    if (el.tagName === 'A' && el.hasAttribute('href')) {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
    // GFM task-list checkboxes survive as read-only boxes; any other input goes.
    if (el.tagName === 'INPUT') {
      if (el.getAttribute('type') === 'checkbox') el.setAttribute('disabled', '');
      else el.remove();
    }
  });
  return (purifier = p);
}

const SANITIZE = {
  FORBID_TAGS: ['style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'button', 'textarea', 'select',
    'svg', 'math', 'script', 'base', 'meta', 'link', 'template', 'portal', 'dialog'],
  FORBID_ATTR: ['srcdoc', 'formaction', 'action', 'style', 'ping', 'background', 'xlink:href'],
  ALLOW_DATA_ATTR: false,
  SANITIZE_NAMED_PROPS: true,
};

/** Sanitises untrusted HTML: no script, event handler, `javascript:` URL, iframe or SVG survives. */
export function sanitizeHtml(html: string): string {
  return purify().sanitize(html, SANITIZE) as unknown as string;
}

/** Sanitises MathML (KaTeX output): MathML elements only. */
export function sanitizeMathMl(html: string): string {
  return purify().sanitize(html, { USE_PROFILES: { mathMl: true }, ADD_TAGS: ['semantics', 'annotation'] }) as unknown as string;
}
