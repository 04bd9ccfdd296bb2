import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { tokens } from '../base/styles.js';
import type { Client, ApiEndpointDescription, ApiParameterDescription } from '../../src/client/index.js';

type Endpoint = ApiEndpointDescription;
type Param = ApiParameterDescription;

const LANGS = ['ml-elements', '@gradio/client', 'Python', 'curl'] as const;
type Lang = (typeof LANGS)[number];

const example = (p: Param): unknown => (p.example !== undefined ? p.example : p.hasDefault ? p.default : null);
const py = (v: unknown): string =>
  v === null || v === undefined ? 'None' : v === true ? 'True' : v === false ? 'False' : typeof v === 'object' && !Array.isArray(v) && (v as { path?: unknown }).path !== undefined ? `handle_file(${JSON.stringify((v as { url?: string; path: string }).url ?? (v as { path: string }).path)})` : JSON.stringify(v);
const ident = (p: Param, i: number) => (/^[A-Za-z_]\w*$/.test(p.name) ? p.name : `param_${i}`);

/** Code snippets calling one endpoint, per language. */
export function snippet(lang: Lang, src: string, root: string, prefix: string, ep: Endpoint): string {
  const args = ep.parameters.map((p, i) => [ident(p, i), example(p)] as const);
  const obj = `{ ${args.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }`;
  const name = ep.name.replace(/^\//, '');
  switch (lang) {
    case 'ml-elements':
      return `import { connect } from "ml-elements/client";\n\nconst client = await connect(${JSON.stringify(src)});\nconst result = await client.predict("/${name}", ${obj});\nconsole.log(result);`;
    case '@gradio/client':
      return `import { Client } from "@gradio/client";\n\nconst client = await Client.connect(${JSON.stringify(src)});\nconst result = await client.predict("/${name}", ${obj});\nconsole.log(result.data);`;
    case 'Python': {
      const files = args.some(([, v]) => py(v).startsWith('handle_file'));
      const kw = args.map(([k, v]) => `\n    ${k}=${py(v)},`).join('');
      return `from gradio_client import Client${files ? ', handle_file' : ''}\n\nclient = Client(${JSON.stringify(src)})\nresult = client.predict(${kw}\n    api_name="/${name}",\n)\nprint(result)`;
    }
    case 'curl': {
      const base = `${root}${prefix}/call/${name}`;
      const body = JSON.stringify({ data: args.map(([, v]) => v) });
      return `curl -X POST ${base} -s -H "Content-Type: application/json" -d '${body.replace(/'/g, "'\\''")}' \\\n  | awk -F'"' '{ print $4 }' \\\n  | read EVENT_ID; curl -N ${base}/$EVENT_ID`;
    }
  }
}

/**
 * @summary The "Use via API" panel: every public endpoint with parameters, return values and copyable snippets.
 * @csspart panel - The panel.
 * @fires ml-close - The user closed the panel.
 */
export class MlApiPanel extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        margin-top: calc(var(--_space) * 2);
      }
      section {
        border-top: 1px solid var(--_border);
        padding-top: calc(var(--_space) * 2);
        font-size: 0.9em;
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
      }
      h2,
      h3 {
        margin: 0 0 var(--_space);
        font-size: 1.1em;
      }
      h3 {
        font-size: 1em;
        font-family: var(--_mono);
      }
      pre {
        position: relative;
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        overflow: auto;
        font-family: var(--_mono);
        font-size: 0.85em;
        margin: 0 0 var(--_space);
        white-space: pre;
      }
      button {
        font: inherit;
        font-size: 0.85em;
        cursor: pointer;
        border: 1px solid var(--_border);
        background: var(--_bg);
        color: var(--_text);
        border-radius: 4px;
        padding: 2px 8px;
      }
      [role='tablist'] {
        display: flex;
        gap: 4px;
        margin-bottom: var(--_space);
      }
      [aria-selected='true'] {
        border-color: var(--_accent);
        color: var(--_accent);
      }
      table {
        border-collapse: collapse;
        margin-bottom: var(--_space);
      }
      td,
      th {
        text-align: left;
        padding: 2px 12px 2px 0;
        vertical-align: top;
      }
      code {
        font-family: var(--_mono);
      }
      article {
        margin-bottom: calc(var(--_space) * 3);
      }
    `,
  ];

  /** The app's connection. */
  @property({ attribute: false }) client: Client | null = null;
  /** The app reference used in snippets. */
  @property() src = '';
  /** Drop-in script URL for the embed snippet. */
  @property() scriptUrl = '';
  @state() private language: Lang = 'ml-elements';
  @state() private copied = '';

  private async copy(text: string, key: string) {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = key;
    } catch {
      this.copied = '';
    }
  }

  private code(text: string, key: string) {
    return html`<pre><code>${text}</code></pre>
      <button @click=${() => this.copy(text, key)}>${this.copied === key ? 'Copied' : 'Copy'}</button>`;
  }

  override render() {
    const client = this.client;
    if (!client) return nothing;
    const endpoints = client.viewApi().endpoints;
    const embed = `<script type="module" src="${this.scriptUrl}"></script>\n<ml-app src="${this.src}"></ml-app>`;
    return html`<section part="panel" aria-label="Use via API">
      <header>
        <h2>API: ${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'}</h2>
        <button @click=${() => this.dispatchEvent(new Event('ml-close', { bubbles: true, composed: true }))}>Close</button>
      </header>
      <h3>Embed this app</h3>
      ${this.code(embed, 'embed')}
      <div role="tablist" aria-label="Language">
        ${LANGS.map((l) => html`<button role="tab" aria-selected=${l === this.language} @click=${() => (this.language = l)}>${l}</button>`)}
      </div>
      ${endpoints.map((ep) => {
        const text = snippet(this.language, this.src, client.root, client.apiPrefix, ep);
        return html`<article>
          <h3>${ep.name}</h3>
          ${this.code(text, ep.name)}
          <table>
            <tr><th>Parameter</th><th>Type</th><th>Component</th><th>Default</th></tr>
            ${ep.parameters.map(
              (p, i) => html`<tr>
                <td><code>${ident(p, i)}</code></td>
                <td><code>${p.type}</code></td>
                <td>${p.component ?? ''}${p.label ? ` "${p.label}"` : ''}</td>
                <td>${p.hasDefault ? JSON.stringify(p.default) : 'Required'}</td>
              </tr>`,
            )}
          </table>
          <table>
            <tr><th>Returns</th><th>Type</th></tr>
            ${ep.returns.map((r, i) => html`<tr><td>[${i}] ${r.component ?? ''} ${r.label ? `"${r.label}"` : ''}</td><td><code>${r.type}</code></td></tr>`)}
          </table>
        </article>`;
      })}
    </section>`;
  }
}

if (!customElements.get('ml-api-panel')) customElements.define('ml-api-panel', MlApiPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ml-api-panel': MlApiPanel;
  }
}
