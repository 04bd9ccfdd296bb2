import {
  Blocks,
  accordion,
  button,
  chatbot,
  checkbox,
  checkboxGroup,
  code,
  colorPicker,
  column,
  dataframe,
  dropdown,
  examples,
  highlightedText,
  html,
  json,
  label,
  markdown,
  number,
  radio,
  row,
  slider,
  state,
  tab,
  tabs,
  textbox,
  type ChatMessage,
} from '../../src/server/index.js';
import { MAX_FILE_SIZE } from './limits.js';

const GREETINGS: Record<string, string> = { English: 'Hello', French: 'Bonjour', German: 'Hallo', Spanish: 'Hola' };

/** `/showcase/`: tabs, rows, columns, an accordion, many component types, a `.then()` chain, State and examples. */
export function showcaseApp() {
  return Blocks({ title: 'Showcase', description: 'Many components in one Blocks app.', maxFileSize: MAX_FILE_SIZE }, () => {
    markdown('# Showcase\nEvery tab is a small app built with `Blocks` in TypeScript.');
    const count = state(0);
    tabs(() => {
      tab('Text', () => {
        row(() => {
          column(() => {
            const name = textbox({ label: 'Name', value: 'Ada' });
            const language = dropdown({ label: 'Language', choices: Object.keys(GREETINGS), value: 'English' });
            const shout = checkbox({ label: 'Shout' });
            const go = button({ value: 'Greet', variant: 'primary' });
            examples({ inputs: [name, language], samples: [['Grace', 'French'], ['Alan', 'German']] });
            column(() => {
              const greeting = textbox({ label: 'Greeting' });
              const counter = markdown('Not greeted yet.');
              go.click({
                fn: function translate(n: string, lang: string, loud: boolean) {
                  const text = `${GREETINGS[lang] ?? 'Hello'}, ${n || 'stranger'}!`;
                  return loud ? text.toUpperCase() : text;
                },
                inputs: [name, language, shout],
                outputs: greeting,
                apiName: 'translate',
                concurrencyLimit: null,
              }).then({
                fn: (n: number) => [n + 1, `Greeted **${n + 1}** time${n ? 's' : ''} in this session.`],
                inputs: count,
                outputs: [count, counter],
                apiName: 'count',
                concurrencyLimit: null,
              });
            });
          });
        });
      });
      tab('Numbers', () => {
        row(() => {
          column(() => {
            const a = slider({ label: 'A', minimum: -10, maximum: 10, step: 1, value: 3 });
            const b = number({ label: 'B', value: 4 });
            const op = radio({ label: 'Operation', choices: ['add', 'subtract', 'multiply', 'divide'], value: 'add' });
            const calc = button({ value: 'Calculate', variant: 'primary' });
            column(() => {
              const result = number({ label: 'Result', interactive: false });
              const sign = label({ label: 'Sign' });
              const details = json({ label: 'Details' });
              calc.click({
                fn: function calculate(x: number, y: number | null, how: string) {
                  const z = y ?? 0;
                  const r = how === 'add' ? x + z : how === 'subtract' ? x - z : how === 'multiply' ? x * z : z === 0 ? NaN : x / z;
                  const value = Number.isFinite(r) ? r : null;
                  const p = value === null ? 0.5 : value > 0 ? 0.9 : value < 0 ? 0.1 : 0.5;
                  return [value, { positive: p, negative: 1 - p }, { a: x, b: z, operation: how, result: value }];
                },
                inputs: [a, b, op],
                outputs: [result, sign, details],
                apiName: 'calculate',
                concurrencyLimit: null,
              });
            });
          });
        });
      });
      tab('Data', () => {
        row(() => {
          const table = dataframe({ label: 'Table', headers: ['word', 'kind'], value: [['cat', 'noun'], ['runs', 'verb'], ['quickly', 'adverb']] });
          const kinds = checkboxGroup({ label: 'Highlight', choices: ['noun', 'verb', 'adverb'], value: ['noun'] });
          const tag = button({ value: 'Highlight', variant: 'primary' });
          column(() => {
            const highlighted = highlightedText({ label: 'Highlighted', showLegend: true });
            const snippet = code({ label: 'As JavaScript', language: 'javascript' });
            tag.click({
              fn: function highlight(t: { data: unknown[][] }, chosen: string[]) {
                const tokens = t.data.map((r) => [`${String(r[0])} `, chosen.includes(String(r[1])) ? String(r[1]) : null] as [string, string | null]);
                return [tokens, `const words = ${JSON.stringify(t.data.map((r) => r[0]))};\nconsole.log(words.join(' '));`];
              },
              inputs: [table, kinds],
              outputs: [highlighted, snippet],
              apiName: 'highlight',
              concurrencyLimit: null,
            });
          });
        });
      });
      tab('Chat', () => {
        const bot = chatbot({ label: 'Echo', value: [{ role: 'assistant', content: 'Say something and I will repeat it.' }] });
        const msg = textbox({ label: 'Say', placeholder: 'Type and press Enter' });
        msg.submit({
          fn: function echo(m: string, history: ChatMessage[]) {
            return [[...history, { role: 'user', content: m }, { role: 'assistant', content: `You said: **${m}**` }], ''];
          },
          inputs: [msg, bot],
          outputs: [bot, msg],
          apiName: 'echo',
          concurrencyLimit: null,
        });
      });
    });
    accordion('Colours', () => {
      row(() => {
        const colour = colorPicker({ label: 'Colour', value: '#3b82f6' });
        const swatch = html('<div style="width:4rem;height:2rem;border-radius:4px;background:#3b82f6"></div>');
        colour.change({
          fn: function swatchOf(c: string) {
            const safe = /^#[0-9a-f]{3,8}$/i.test(c) ? c : '#000000';
            return `<div style="width:4rem;height:2rem;border-radius:4px;background:${safe}"></div>`;
          },
          inputs: colour,
          outputs: swatch,
          apiName: 'swatch',
          concurrencyLimit: null,
          triggerMode: 'always_last',
        });
      });
    }, { open: false });
  });
}
