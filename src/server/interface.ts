// Interface and ChatInterface: whole apps from one function, laid out as Gradio lays them out.
import { App, isGeneratorFunction, type AppOptions } from './blocks.js';
import {
  attach,
  button,
  chatbot,
  column,
  dataset,
  wireExamples,
  markdown,
  row,
  state,
  textbox,
  group,
  update,
  type ArgsOf,
  type ChatMessage,
  type Component,
  type HandlerContext,
  type Inputs,
} from './components.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface InterfaceOptions<I extends Inputs> extends AppOptions {
  fn: (...args: [...ArgsOf<I>, HandlerContext]) => unknown;
  /** Components created outside the app (`textbox({ label: 'Name' })`); one handler argument each. */
  inputs: I;
  outputs: Component<any, any> | readonly Component<any, any>[];
  /** Rows of input values shown as clickable examples. */
  examples?: unknown[][];
  apiName?: string;
  apiDescription?: string;
  article?: string;
  concurrencyLimit?: number | null;
  /** Seconds a run may take (see EventOptions.timeLimit). */
  timeLimit?: number;
  submitLabel?: string;
}

function titleBlocks(title?: string, description?: string) {
  if (title) markdown({ value: `<h1 style="text-align: center; margin-bottom: 1rem">${escapeHtml(title)}</h1>` });
  if (description) markdown({ value: description });
}

/** One function becomes a whole app: inputs left with Clear and Submit (and Stop for generators), outputs right, examples below. */
export function Interface<const I extends Inputs>(options: InterfaceOptions<I>): App {
  const inputs = (Array.isArray(options.inputs) ? options.inputs : [options.inputs]) as Component<any, any>[];
  const outputs = (Array.isArray(options.outputs) ? options.outputs : [options.outputs]) as Component<any, any>[];
  const generator = isGeneratorFunction(options.fn);
  return new App('interface', options, (app) => {
    titleBlocks(options.title, options.description);
    let submit!: Component<string, string>;
    let clear!: Component<string, string>;
    let stop: Component<string, string> | null = null;
    row({ equalHeight: false }, () => {
      column({ variant: 'panel', scale: 1 }, () => {
        column(() => inputs.forEach((c) => attach(c)));
        row(() => {
          clear = button({ value: 'Clear', variant: 'secondary' });
          if (generator) stop = button({ value: 'Stop', variant: 'stop', visible: false });
          submit = button({ value: options.submitLabel ?? (inputs.length ? 'Submit' : 'Generate'), variant: 'primary' });
        });
      });
      column({ variant: 'panel', scale: 1 }, () => outputs.forEach((c) => attach(c)));
    });
    const exampleRows = options.examples ?? [];
    const ds = exampleRows.length ? dataset({ components: inputs, samples: exampleRows, label: 'Examples' }) : null;
    if (options.article) markdown({ value: options.article });

    const targets: [Component<any, any>, string][] = [[submit, 'click'], ...inputs.filter((c) => c.type === 'textbox').map((c) => [c, 'submit'] as [Component<any, any>, string])];
    const predict = app.listen(targets, {
      fn: options.fn as never,
      inputs,
      outputs,
      apiName: options.apiName,
      apiDescription: options.apiDescription,
      concurrencyLimit: options.concurrencyLimit,
      timeLimit: options.timeLimit,
    });
    // Stop (generators): shown while a run streams, cancels it. The swaps are tiny backend functions, so clients
    // need no JavaScript from the server.
    if (stop) {
      const stopBtn = stop as Component<string, string>;
      const swap = (running: boolean) => () => [update({ visible: !running }), update({ visible: running })];
      const helper = { outputs: [submit, stopBtn], queue: false, apiName: false, apiVisibility: 'private', showProgress: 'hidden' } as const;
      app.listen(targets, { fn: swap(true), ...helper });
      predict.then({ fn: swap(false), ...helper });
      stopBtn.click({ cancels: predict, queue: false }).then({ fn: swap(false), ...helper });
    }
    // Clear: a backend function (not JS) so any client can run it; resets inputs and outputs to their initial values.
    const resettable = [...inputs, ...outputs].filter((c) => c.type !== 'state');
    const initial = resettable.map((c) => update({ value: structuredClone(c.props.value ?? null) }));
    clear.click({ fn: () => (resettable.length === 1 ? initial[0] : initial), outputs: resettable, queue: false, apiName: false, apiVisibility: 'private', showProgress: 'hidden' });
    if (ds) wireExamples(ds, inputs, exampleRows);
  });
}

/** A chat handler: returns the reply, or is an async generator yielding the growing reply. */
export type ChatFn = (message: string, history: ChatMessage[], ctx: HandlerContext) => unknown;

export interface ChatInterfaceOptions extends AppOptions {
  fn: ChatFn;
  /** Example messages shown under the chat. */
  examples?: string[];
  apiName?: string;
  placeholder?: string;
  concurrencyLimit?: number | null;
}

async function* asGenerator(result: unknown): AsyncGenerator<unknown> {
  const r = await result;
  if (r !== null && typeof r === 'object' && (Symbol.asyncIterator in r || (Symbol.iterator in r && typeof r !== 'string' && !Array.isArray(r)))) {
    for await (const x of r as AsyncIterable<unknown>) yield x;
  } else yield r;
}

const replyText = (x: unknown) => (x == null ? '' : typeof x === 'string' ? x : typeof x === 'object' && 'content' in (x as object) ? String((x as ChatMessage).content) : String(x));

/**
 * A chat app. The public endpoint (`/chat` by default) takes `message` and streams the reply text;
 * the page's textbox runs an undocumented listener that streams the whole conversation into the Chatbot.
 */
export function ChatInterface(options: ChatInterfaceOptions): App {
  const generator = isGeneratorFunction(options.fn);
  return new App('chat_interface', { fillHeight: true, ...options }, (app) => {
    titleBlocks(options.title, options.description);
    const bot = chatbot({ label: 'Chatbot', scale: 1, height: 400 });
    let input!: Component<string, string | null>;
    group(() => row(() => {
      input = textbox({ label: 'Message', name: 'message', showLabel: false, placeholder: options.placeholder ?? 'Type a message...', lines: 1, maxLines: 8, scale: 7, autofocus: true, submitBtn: true, stopBtn: generator });
    }));
    const response = textbox({ label: 'Response', name: 'response', visible: false });
    const history = state<ChatMessage[]>([]);
    const exampleRows = (options.examples ?? []).map((e) => [e]);
    const ds = exampleRows.length ? dataset({ components: [input], samples: exampleRows, label: 'Examples' }) : null;

    // Public API: message (+ per-session history) → the reply text, streamed when fn is a generator.
    const api = async function* (message: string, past: ChatMessage[], ctx: HandlerContext) {
      let reply = '';
      for await (const part of asGenerator(options.fn(message, past ?? [], ctx))) {
        reply = replyText(part);
        yield [reply, past];
      }
      yield [reply, [...(past ?? []), { role: 'user', content: message }, { role: 'assistant', content: reply }]];
    };
    const chatApi = app.listen([], {
      fn: (generator ? api : async (m: string, p: ChatMessage[], ctx: HandlerContext) => {
        let last: unknown[] = ['', p];
        for await (const x of api(m, p, ctx)) last = x;
        return last;
      }) as never,
      inputs: [input, history],
      outputs: [response, history],
      apiName: options.apiName ?? 'chat',
      concurrencyLimit: options.concurrencyLimit,
      showProgress: 'minimal',
    });

    // The page: the textbox's submit streams the conversation into the Chatbot and clears the textbox.
    const ui = async function* (message: string, past: ChatMessage[], ctx: HandlerContext) {
      const convo: ChatMessage[] = [...past, { role: 'user', content: message }];
      yield [[...convo, { role: 'assistant', content: '' }], ''];
      let reply = '';
      for await (const part of asGenerator(options.fn(message, past, ctx))) {
        reply = replyText(part);
        yield [[...convo, { role: 'assistant', content: reply }], ''];
      }
    };
    const submit = app.listen([[input, 'submit']], {
      fn: ui as never,
      inputs: [input, bot],
      outputs: [bot, input],
      apiName: false,
      apiVisibility: 'undocumented',
      concurrencyLimit: options.concurrencyLimit,
      showProgress: 'minimal',
    });
    if (generator) app.listen([[input, 'stop']], { cancels: [submit, chatApi], queue: false });
    if (ds) wireExamples(ds, [input], exampleRows);
  });
}
