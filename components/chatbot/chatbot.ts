import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { consume } from '@lit/context';
import { connect, ClientError, type Client, type Job } from '../../src/client/index.js';
import type { FileData } from '../../src/protocol/index.js';
import { MlElement } from '../base/element.js';
import { appContext, type AppContext } from '../base/context.js';
import { tokens, darkTokens } from '../base/styles.js';
import type { MlComponentEvent, MlErrorCode } from '../base/events.js';
import { markdownStyles } from '../shared/markdown.styles.js';
import { loadMarkdown, markdownModule } from './markdown-loader.js';
import '../multimodaltextbox/multimodaltextbox.js';
import type { MlMultimodalTextbox, MultimodalValue } from '../multimodaltextbox/multimodaltextbox.js';
import { chatbotStyles } from './chatbot.styles.js';
import { streamMarkdown } from './stream-markdown.js';
import {
  buildItems, fileKind, fileName, messageText, normaliseValue, safeUrl,
  type ChatItem, type ChatMessage, type ChatPart, type ComponentPart,
} from './messages.js';
import { chatEndpoint, chatInputs, ChatSetupError, userMessage, withReply, type ChatEndpoint } from './session.js';

export type { ChatMessage, ChatPart, ChatMetadata } from './messages.js';

interface Example {
  text?: string;
  display_text?: string | null;
  files?: FileData[];
  icon?: FileData | string | null;
}

/** Distance from the bottom (px) that still counts as "at the bottom". */
const STICK = 24;

/**
 * A chat: messages in Gradio's messages format rendered as safe, incrementally parsed markdown, with thoughts,
 * files, feedback and editing. Inside `<ml-app>` it renders a Chatbot component; alone, with `src`, it connects to a
 * chat app itself, renders an input box and keeps the conversation in the page.
 *
 * @summary Chat messages, streamed smoothly; a complete chat client with `src`.
 * @csspart log - The scrolling message list.
 * @csspart message - A message bubble (also `user`, `assistant` or `system`).
 * @csspart avatar - An avatar image.
 * @csspart thought - A collapsible thought / tool-call panel.
 * @csspart code-block - A fenced code block.
 * @csspart copy-code - The copy button of a code block.
 * @csspart jump - The "jump to latest" button.
 * @csspart input - The message box (standalone mode).
 * @csspart error - The error notice.
 * @cssprop --ml-chatbot-height - Height of the message list (default 480px).
 * @cssprop --ml-chatbot-min-height - Minimum height of the message list.
 * @cssprop --ml-chatbot-user-background - User bubble background.
 * @cssprop --ml-chatbot-assistant-background - Assistant bubble background.
 * @fires ml-message - Standalone: a message was added and is complete; `data` is the message.
 * @fires ml-like - Like/dislike: `data` is `{index, value, liked}`.
 * @fires ml-retry - Retry: `{index, value}`.
 * @fires ml-undo - Undo: `{index, value}`.
 * @fires ml-edit - An edited message: `{index, value, previous_value}`.
 * @fires ml-select - A message was clicked: `{index, value}`.
 * @fires ml-example_select - An example prompt was chosen: `{index, value}`.
 * @fires ml-option_select - A message option was chosen: `{index, value}`.
 * @fires ml-copy - A message was copied: `{value}`.
 * @fires ml-clear - The conversation was cleared.
 * @fires ml-stop - Standalone: the user stopped a reply.
 * @fires ml-error - Standalone: connecting or a reply failed (`code`: not_found, network, not_chat_endpoint, app_error, connection_lost…).
 */
export class MlChatbot extends MlElement {
  static override styles = [tokens, darkTokens, markdownStyles, chatbotStyles];

  @consume({ context: appContext, subscribe: true })
  @state()
  private ctx?: AppContext;

  @query('.log') private log!: HTMLElement;
  @query('ml-multimodaltextbox') private input?: MlMultimodalTextbox;

  @state() private items: ChatItem[] = [];
  @state() private atBottom = true;
  @state() private running = false;
  @state() private problem: { code: string; message: string; retry: () => void } | null = null;
  @state() private editing: number | null = null;
  @state() private announcement = '';
  @state() private feedback = new Map<number, string>();
  @state() private endpoint: ChatEndpoint | null = null;

  /** The conversation: Gradio's messages list (`[{role, content, metadata, options}]`). */
  @property({ attribute: false }) value: ChatMessage[] = [];

  /** Standalone: URL of the chat app to talk to. */
  @property() src: string | null = null;

  /** Standalone: endpoint name (default: the app's `/chat`, or the endpoint that takes a `message`). */
  @property({ attribute: 'api-name' }) apiName: string | null = null;

  /** Markdown shown while there are no messages. */
  @property() placeholder: string | null = null;

  /** Example prompts shown while there are no messages. */
  @property({ attribute: false }) examples: Example[] | null = null;

  /** Avatars for `[user, assistant]`: URLs or FileData. */
  @property({ attribute: false }) avatarImages: [FileData | string | null, FileData | string | null] | null = null;

  /** Shows like/dislike buttons (also shown when something listens to `ml-like`). */
  @property({ type: Boolean }) likeable = false;

  /** The feedback choices; the first two are like and dislike. */
  @property({ attribute: false }) feedbackOptions: string[] = ['Like', 'Dislike'];

  /** Which messages can be edited: `user`, `all`, or none. */
  @property() editable: 'user' | 'all' | null = null;

  /** Shows a copy button on each reply. */
  @property({ type: Boolean, attribute: 'show-copy-button' }) showCopyButton = true;

  /** Gradio 6 `buttons` (`copy`, `share`…): when set, `copy` decides the copy button. */
  @property({ attribute: false }) buttons: string[] | null = null;

  /** Height of the message list: px number or CSS length. */
  @property() height: number | string | null = null;

  /** Gradio's `autoscroll`: follow new content while the user is at the bottom. */
  @property({ type: Boolean }) autoscroll = true;

  /** Render message text as markdown (otherwise as plain text). */
  @property({ attribute: false }) renderMarkdown = true;

  /** Single newlines in messages are line breaks. */
  @property({ attribute: false }) lineBreaks = true;

  /** `bubble` or `panel`. */
  @property({ reflect: true }) layout: 'bubble' | 'panel' = 'bubble';

  /** Right-to-left text. */
  @property({ type: Boolean }) rtl = false;

  private client: Client | null = null;
  private connecting: Promise<boolean> | null = null;
  private job: Job | null = null;
  private stopped = false;
  private listened = new Set<string>();
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private announced = '';
  private lastAutoTop = 0;
  private resize: ResizeObserver | null = null;

  /** The conversation (same as `value`): read it to save a chat, set it to restore one. */
  get messages(): ChatMessage[] {
    return this.value;
  }
  set messages(v: ChatMessage[]) {
    this.value = v;
  }

  /** Records which `ml-*` events something listens to: `<ml-app>` wires like/retry/undo/edit that way. */
  override addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: HTMLElement, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject, options);
    if (type.startsWith('ml-') && !this.listened.has(type)) {
      this.listened.add(type);
      this.requestUpdate();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!markdownModule()) void loadMarkdown().then(() => this.requestUpdate());
    // Late growth (images loading, panels opening) keeps the view at the bottom too.
    this.resize = new ResizeObserver(() => this.follow());
    if (this.hasUpdated) this.resize.observe(this.renderRoot.querySelector('.content')!);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    clearTimeout(this.announceTimer);
    this.stopped = true;
    void this.job?.cancel();
    this.client?.close();
    this.client = null;
    this.connecting = null;
  }

  /** Renders at most once per animation frame, however often the value changes. */
  protected override async scheduleUpdate(): Promise<void> {
    await new Promise<void>((r) => (document.visibilityState === 'hidden' ? setTimeout(r, 16) : requestAnimationFrame(() => r())));
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) {
      const list = Array.isArray(this.value) && this.value.every((m) => m && typeof m === 'object' && 'role' in m) ? this.value : normaliseValue(this.value);
      if (list !== this.value) this.value = list;
      this.items = buildItems(list, this.items);
      this.scheduleAnnouncement();
    }
    if (changed.has('src')) {
      this.client?.close();
      this.client = null;
      this.connecting = null;
      this.endpoint = null;
      this.problem = null;
    }
  }

  protected override firstUpdated(): void {
    this.resize?.observe(this.renderRoot.querySelector('.content')!);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.standalone) void this.ensureConnected();
    this.follow();
  }

  private get standalone(): boolean {
    return !!this.src && !this.ctx;
  }

  // ---- scrolling: stick to the bottom until the user scrolls up; only our own container ever scrolls ----

  private follow(): void {
    const log = this.log;
    if (!log || !this.atBottom || !this.autoscroll) return;
    log.scrollTop = log.scrollHeight;
    this.lastAutoTop = log.scrollTop;
  }

  private onScroll(): void {
    const log = this.log;
    const distance = log.scrollHeight - log.scrollTop - log.clientHeight;
    if (distance <= STICK) this.atBottom = true;
    // Growing content never lowers scrollTop: a smaller value than we set means the user scrolled up.
    else if (log.scrollTop < this.lastAutoTop - 2 || !this.autoscroll) this.atBottom = false;
    this.lastAutoTop = Math.min(this.lastAutoTop, log.scrollTop);
  }

  private jumpToLatest(): void {
    this.atBottom = true;
    this.log.scrollTo({ top: this.log.scrollHeight, behavior: 'smooth' });
    this.lastAutoTop = this.log.scrollHeight;
  }

  // ---- announcements: finished replies are read politely, once, not token by token ----

  private scheduleAnnouncement(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const i = this.value.length - 1;
      if (i < 0 || this.value[i]!.role === 'user') return;
      // The rendered text, not the markdown source, is what a listener should hear.
      const text = (this.renderRoot.querySelector(`[data-index="${i}"]`)?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 600);
      if (text && text !== this.announced) this.announcement = this.announced = text;
    }, 900);
  }

  // ---- standalone: connect, send, stream, stop ----

  private ensureConnected(): Promise<boolean> {
    if (this.client && this.endpoint) return Promise.resolve(true);
    this.connecting ??= (async () => {
      const src = this.src!;
      try {
        const client = await connect(src);
        if (src !== this.src) {
          client.close();
          return false;
        }
        this.endpoint = chatEndpoint(client, this.apiName);
        this.client = client;
        this.problem = null;
        return true;
      } catch (e) {
        this.connecting = null;
        const retry = () => void this.ensureConnected();
        if (e instanceof ChatSetupError) this.report(e.code, e.message, retry);
        else this.report(e instanceof ClientError ? e.code : 'network', `Could not connect to ${src}: ${(e as Error).message}`, retry);
        return false;
      }
    })();
    return this.connecting;
  }

  private report(code: string, message: string, retry: () => void): void {
    this.problem = { code, message, retry };
    this.fail(code as MlErrorCode, message);
  }

  private async onSubmit(value: MultimodalValue): Promise<void> {
    if (this.running) return;
    if (!(await this.ensureConnected())) return;
    const text = value.text;
    const picked = value.files;
    let files: FileData[] = [];
    if (picked.length) {
      try {
        const blobs = picked.filter((f): f is File => f instanceof File);
        const uploaded = blobs.length ? await this.client!.upload(blobs) : [];
        files = picked.map((f) => (f instanceof File ? uploaded.shift()! : f));
      } catch (e) {
        this.report('upload_failed', `Upload failed: ${(e as Error).message}`, () => void this.onSubmit(value));
        return;
      }
    }
    if (this.input) this.input.value = { text: '', files: [] };
    await this.send(text, files, this.value);
  }

  /** Sends one user message after `history` and streams the reply into the conversation. */
  private async send(text: string, files: FileData[], history: ChatMessage[]): Promise<void> {
    const ep = this.endpoint!;
    const user = userMessage(text, files);
    const base = [...history, user];
    this.value = base;
    this.emit('message', user);
    this.problem = null;
    this.running = true;
    this.stopped = false;
    this.atBottom = true;
    let failure: { code: string; message: string } | null = null;
    try {
      const job = (this.job = this.client!.submit(ep.name, chatInputs(ep, text, files, history)));
      for await (const ev of job) {
        if (ev.type === 'data' || ev.type === 'complete') this.value = withReply(ev.values[0], base, ep.returnsConversation);
        else if (ev.type === 'error') failure = ev;
      }
    } catch (e) {
      failure = { code: e instanceof ClientError ? e.code : 'app_error', message: (e as Error).message };
    } finally {
      this.job = null;
      this.running = false;
    }
    if (!this.isConnected) return;
    if (failure && !(failure.code === 'cancelled' && this.stopped)) {
      this.report(failure.code, failure.message || 'The reply failed.', () => void this.send(text, files, history));
      return;
    }
    for (const m of this.value.slice(base.length)) this.emit('message', m);
    // Back to the box for the next message, without scrolling the host page to it.
    void this.updateComplete.then(() => this.input?.focus({ preventScroll: true }));
  }

  private stop(): void {
    if (!this.job) return;
    this.stopped = true;
    void this.job.cancel();
    this.emit('stop');
  }

  /** The user message at or before `index` and what came before it. */
  private lastUserBefore(index: number): number {
    for (let i = Math.min(index, this.value.length - 1); i >= 0; i--) if (this.value[i]!.role === 'user') return i;
    return -1;
  }

  private localRetry(index: number): void {
    const u = this.lastUserBefore(index);
    if (u < 0 || this.running) return;
    const msg = this.value[u]!;
    void this.send(messageText(msg), normaliseFiles(msg), this.value.slice(0, u));
  }

  private localUndo(index: number): void {
    const u = this.lastUserBefore(index);
    if (u < 0 || this.running) return;
    const text = messageText(this.value[u]!);
    this.value = this.value.slice(0, u);
    if (this.input) this.input.value = { text, files: [] };
  }

  // ---- actions on messages ----

  private wired(name: string): boolean {
    return this.listened.has(`ml-${name}`);
  }

  private act(name: 'retry' | 'undo' | 'copy', item: ChatItem): void {
    const data = { index: item.index, value: item.message.content };
    if (name === 'copy') {
      void navigator.clipboard?.writeText(messageText(item.message)).catch(() => {});
      this.emit('copy', { value: messageText(item.message) });
      return;
    }
    this.emit(name, data);
    if (this.standalone && name === 'retry') this.localRetry(item.index);
    if (this.standalone && name === 'undo') this.localUndo(item.index);
  }

  private like(item: ChatItem, option: string, i: number): void {
    const was = this.feedback.get(item.index);
    const next = new Map(this.feedback);
    if (was === option) next.delete(item.index);
    else next.set(item.index, option);
    this.feedback = next;
    // Taking feedback back only clears the button: apps expect `liked` to be a choice.
    if (was === option) return;
    const liked = i === 0 ? true : i === 1 ? false : option;
    this.emit('like', { index: item.index, value: item.message.content, liked });
  }

  private saveEdit(item: ChatItem, textarea: HTMLTextAreaElement): void {
    const value = textarea.value;
    const previous = messageText(item.message);
    this.editing = null;
    if (value === previous) return;
    this.emit('edit', { index: item.index, value, previous_value: previous });
    if (this.standalone && item.message.role === 'user' && !this.running) {
      void this.send(value, normaliseFiles(item.message), this.value.slice(0, item.index));
    } else if (!this.wired('edit')) {
      this.value = this.value.map((m, i) => (i === item.index ? { ...m, content: value } : m));
    }
  }

  private onLogClick(e: Event): void {
    const target = e.target as Element;
    const copy = target.closest?.('button.copy-code');
    if (copy) {
      const code = copy.parentElement?.querySelector('code')?.textContent ?? '';
      void navigator.clipboard?.writeText(code).catch(() => {});
      copy.textContent = 'Copied';
      setTimeout(() => (copy.textContent = 'Copy'), 1500);
      return;
    }
    if (!this.wired('select') || target.closest('button, a, summary, textarea, audio, video')) return;
    const bubble = target.closest<HTMLElement>('[data-index]');
    if (!bubble) return;
    const index = Number(bubble.dataset.index);
    this.emit('select', { index, value: this.value[index]?.content ?? null });
  }

  private chooseExample(ex: Example, index: number): void {
    this.emit('example_select', { index, value: ex });
    if (this.standalone && ex.text) void this.onSubmit({ text: ex.text, files: ex.files ?? [] });
  }

  private chooseOption(value: string, index: number): void {
    this.emit('option_select', { index, value });
    if (this.standalone) void this.onSubmit({ text: value, files: [] });
  }

  /** Empties the conversation (and stops a running reply). */
  clear(): void {
    if (this.job) this.stop();
    this.value = [];
    this.problem = null;
    this.feedback = new Map();
    this.emit('clear');
  }

  // ---- rendering ----

  private fileUrl(file: FileData | string | null | undefined): string | null {
    if (!file) return null;
    if (typeof file === 'string') return safeUrl(file);
    if (file.url) return safeUrl(file.url);
    const client = this.ctx?.client ?? this.client;
    return client && file.path ? safeUrl(client.fileUrl(file)) : null;
  }

  private renderFile(file: FileData, alt: string | null | undefined): TemplateResult {
    const url = this.fileUrl(file);
    const name = fileName(file);
    if (!url) return html`<span>${name}</span>`;
    switch (fileKind(file)) {
      case 'image':
        return html`<img class="media" src=${url} alt=${alt ?? name} loading="lazy" />`;
      case 'audio':
        return html`<audio class="media" controls preload="metadata" src=${url} aria-label=${alt ?? name}></audio>`;
      case 'video':
        return html`<video class="media" controls preload="metadata" src=${url} aria-label=${alt ?? name}></video>`;
      default:
        // A link the user clicks: web and local (blob) URLs only, never data: documents.
        if (!/^(https?|blob):/i.test(url) && /^[a-z][a-z0-9+.-]*:/i.test(url)) return html`<span>📄 ${name}</span>`;
        return html`<a class="file" href=${url} target="_blank" rel="noopener noreferrer" download=${name}>📄 ${name}</a>`;
    }
  }

  private renderComponent(part: ComponentPart): TemplateResult | typeof nothing {
    const v = part.value as unknown;
    const files = (Array.isArray(v) ? v : [v]).flatMap((x) => {
      const f = (x && typeof x === 'object' && 'image' in x ? (x as { image: unknown }).image : x) as FileData | null;
      return f && typeof f === 'object' && (f.url || f.path) ? [f] : [];
    });
    if (files.length) return html`${files.map((f) => this.renderFile(f, part.alt_text))}`;
    if (part.component === 'html' && typeof v === 'string') {
      const sanitize = markdownModule()?.sanitizerNow();
      if (!sanitize) void loadMarkdown().then((m) => m.loadSanitizer()).then(() => this.requestUpdate());
      return html`<div class="md">${sanitize ? unsafeHTML(sanitize(v)) : ''}</div>`;
    }
    if (part.component === 'markdown' && typeof v === 'string') return html`<div class="md" ${streamMarkdown(v, this.lineBreaks)}></div>`;
    return html`<div class="component">[${part.component}]</div>`;
  }

  private renderPart(part: ChatPart): TemplateResult | typeof nothing {
    if (part.type === 'text') {
      if (!part.text) return nothing;
      return this.renderMarkdown
        ? html`<div class="md part" ${streamMarkdown(part.text, this.lineBreaks)}></div>`
        : html`<div class="part" style="white-space:pre-wrap">${part.text}</div>`;
    }
    if (part.type === 'file') return html`<div class="part">${this.renderFile(part.file, part.alt_text)}</div>`;
    return html`<div class="part">${this.renderComponent(part)}</div>`;
  }

  private renderThought(item: ChatItem): TemplateResult {
    const md = item.message.metadata!;
    const sub = [md.log, typeof md.duration === 'number' ? `${md.duration.toFixed(1)}s` : null].filter(Boolean).join(' · ');
    return html`<details class="thought" part="thought" ?open=${md.status !== 'done'}>
      <summary>${md.status === 'pending' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${md.title}${sub
        ? html`<span class="sub">${sub}</span>`
        : nothing}</summary>
      <div class="body">${item.parts.map((p) => this.renderPart(p))}${item.children.map((c) => this.renderBody(c))}</div>
    </details>`;
  }

  /** A message's content: a thought panel, or its parts. */
  private renderBody(item: ChatItem): TemplateResult {
    if (item.message.metadata?.title) return this.renderThought(item);
    return html`${item.parts.map((p) => this.renderPart(p))}${item.children.map((c) => this.renderBody(c))}`;
  }

  private renderActions(item: ChatItem, isLast: boolean): TemplateResult | typeof nothing {
    if (this.editing !== null) return nothing;
    const role = item.message.role;
    const bot = role === 'assistant';
    const local = this.standalone && !this.running;
    const canEdit = this.editable === 'all' || (this.editable === 'user' && role === 'user') || (this.standalone && role === 'user');
    const copy = bot && (this.buttons ? this.buttons.includes('copy') : this.showCopyButton);
    const likes = bot && (this.likeable || this.wired('like'));
    const retry = bot && isLast && (this.wired('retry') || local);
    const undo = bot && isLast && (this.wired('undo') || local);
    if (!copy && !likes && !retry && !undo && !canEdit) return nothing;
    const chosen = this.feedback.get(item.index);
    return html`<div class="actions">
      ${copy ? html`<button type="button" aria-label="Copy message" @click=${() => this.act('copy', item)}>Copy</button>` : nothing}
      ${likes
        ? this.feedbackOptions.map(
            (opt, i) => html`<button type="button" aria-label=${opt} aria-pressed=${chosen === opt ? 'true' : 'false'}
              @click=${() => this.like(item, opt, i)}>${i === 0 ? thumb : i === 1 ? html`<span class="down">${thumb}</span>` : opt}</button>`,
          )
        : nothing}
      ${retry ? html`<button type="button" aria-label="Retry" @click=${() => this.act('retry', item)}>Retry</button>` : nothing}
      ${undo ? html`<button type="button" aria-label="Undo" @click=${() => this.act('undo', item)}>Undo</button>` : nothing}
      ${canEdit && !this.running
        ? html`<button type="button" aria-label="Edit message" @click=${() => (this.editing = item.index)}>Edit</button>`
        : nothing}
    </div>`;
  }

  private renderAvatar(role: string, show: boolean): TemplateResult | typeof nothing {
    const a = this.avatarImages?.[role === 'user' ? 0 : 1];
    const url = this.fileUrl(a ?? null);
    if (!url) return nothing;
    return show ? html`<img class="avatar" part="avatar" src=${url} alt="" />` : html`<span class="avatar"></span>`;
  }

  /** One message; consecutive messages of a role form a group: avatar on the first, actions on the last. */
  private renderItem(item: ChatItem, isLast: boolean, groupStart: boolean, groupEnd: boolean): TemplateResult {
    const role = item.message.role;
    const editing = this.editing === item.index;
    const options = item.message.options ?? [];
    const bare = !!item.message.metadata?.title;
    return html`<div class="row ${role} ${groupStart ? '' : 'cont'}">
      ${this.renderAvatar(role, groupStart)}
      <div class="col">
        ${editing
          ? html`<div class="edit">
              <textarea aria-label="Edit message" .value=${messageText(item.message)}
                @keydown=${(e: KeyboardEvent) => {
                  if (e.key === 'Escape') this.editing = null;
                  if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault();
                    this.saveEdit(item, e.target as HTMLTextAreaElement);
                  }
                }}></textarea>
              <div>
                <button type="button" @click=${() => (this.editing = null)}>Cancel</button>
                <button type="button" @click=${(e: Event) => this.saveEdit(item, (e.target as Element).closest('.edit')!.querySelector('textarea')!)}>Save</button>
              </div>
            </div>`
          : html`<div class="bubble ${bare ? 'bare' : ''}" part="message ${role}" data-index=${item.index} ?data-select=${this.wired('select')}
              dir=${this.rtl ? 'rtl' : 'auto'}>${this.renderBody(item)}</div>`}
        ${options.length
          ? html`<div class="options">${options.map(
              (o, i) => html`<button type="button" @click=${() => this.chooseOption(o.value, i)}>${o.label ?? o.value}</button>`,
            )}</div>`
          : nothing}
        ${groupEnd ? this.renderActions(item, isLast) : nothing}
      </div>
    </div>`;
  }

  private renderEmpty(): TemplateResult {
    const examples = this.examples ?? [];
    return html`<div class="empty">
      ${this.placeholder ? html`<div class="md" ${streamMarkdown(this.placeholder)}></div>` : nothing}
      ${examples.length
        ? html`<div class="examples">${examples.map(
            (ex, i) => html`<button type="button" @click=${() => this.chooseExample(ex, i)}>${ex.display_text ?? ex.text ?? `Example ${i + 1}`}</button>`,
          )}</div>`
        : nothing}
    </div>`;
  }

  protected override render() {
    const items = this.items;
    const last = items[items.length - 1];
    const waiting = this.running && this.value[this.value.length - 1]?.role === 'user';
    const h = typeof this.height === 'number' ? `${this.height}px` : this.height;
    const name = this.label ?? 'Chat';
    return html`
      ${this.label && !this.hideLabel
        ? html`<div class="toolbar"><span class="label">${this.label}</span></div>`
        : nothing}
      <div class="frame">
        <div class="log" part="log" role="log" aria-label=${name} tabindex="0" style=${h ? `height:${h}` : ''}
          @scroll=${this.onScroll} @click=${this.onLogClick}>
          <div class="content">
            ${items.length === 0 && !this.problem ? this.renderEmpty() : nothing}
            ${items.map((it, i) =>
              // Positional reuse keeps each message's DOM (and its incremental markdown) across renders.
              this.renderItem(it, it === last, items[i - 1]?.message.role !== it.message.role, items[i + 1]?.message.role !== it.message.role),
            )}
            ${waiting
              ? html`<div class="row assistant"><div class="bubble" aria-label="Waiting for the reply"><span class="dots"><span></span><span></span><span></span></span></div></div>`
              : nothing}
            ${this.problem
              ? html`<div class="error" part="error" role="alert"><span>${this.problem.message}</span>
                  <button type="button" @click=${() => this.problem?.retry()}>Retry</button></div>`
              : nothing}
          </div>
        </div>
        ${this.atBottom ? nothing : html`<button type="button" class="jump" part="jump" aria-label="Jump to latest message" @click=${this.jumpToLatest}>↓ Jump to latest</button>`}
      </div>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      ${this.src && !this.ctx
        ? html`<div class="composer">
            <div class="toolbar"><span></span><button type="button" aria-label="Clear conversation"
              ?disabled=${!this.value.length || this.running} @click=${() => this.clear()}>Clear</button></div>
            <ml-multimodaltextbox part="input" placeholder="Type a message…" label="Message" hide-label
              .sources=${this.endpoint?.multimodal ? ['upload'] : []}
              .submitBtn=${!this.running} .stopBtn=${this.running}
              @input=${stopEvent} @change=${stopEvent}
              @ml-submit=${(e: MlComponentEvent) => {
                e.stopPropagation();
                void this.onSubmit(e.data as MultimodalValue);
              }}
              @ml-stop=${(e: Event) => {
                e.stopPropagation();
                this.stop();
              }}></ml-multimodaltextbox>
          </div>`
        : nothing}
    `;
  }
}

const thumb = html`<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path fill="currentColor"
  d="M2 10h4v11H2zM8 21h9.5a2 2 0 0 0 1.9-1.4l2.4-7A2 2 0 0 0 19.9 10H14l1-4.5A2 2 0 0 0 13 3l-5 7z"/></svg>`;

/** The composer's own input/change events are not the chat's. */
const stopEvent = (e: Event) => e.stopPropagation();

/** The files of a user message (to send again on retry or edit). */
function normaliseFiles(m: ChatMessage): FileData[] {
  return buildItems([m])[0]!.parts.flatMap((p) => (p.type === 'file' ? [p.file] : []));
}

if (!customElements.get('ml-chatbot')) customElements.define('ml-chatbot', MlChatbot);

declare global {
  interface HTMLElementTagNameMap {
    'ml-chatbot': MlChatbot;
  }
  interface GlobalEventHandlersEventMap {
    'ml-message': MlComponentEvent;
    'ml-like': MlComponentEvent;
    'ml-retry': MlComponentEvent;
    'ml-undo': MlComponentEvent;
    'ml-edit': MlComponentEvent;
    'ml-stop': MlComponentEvent;
    'ml-copy': MlComponentEvent;
    'ml-example_select': MlComponentEvent;
    'ml-option_select': MlComponentEvent;
  }
}
