// Maps a config component `type` to its tag and a lazy import of its module, so a page downloads only the
// component types its app uses. Other component folders add their line here once their module exists.

export interface RegistryEntry {
  /** Custom element tag rendered for this type. */
  tag: string;
  /** Imports the module that defines the tag. */
  load: () => Promise<unknown>;
}

const layout = () => import('./app/layout.js');

export const registry: Record<string, RegistryEntry> = {
  // Layout blocks
  row: { tag: 'ml-row', load: layout },
  column: { tag: 'ml-column', load: layout },
  group: { tag: 'ml-group', load: layout },
  form: { tag: 'ml-form', load: layout },
  tabs: { tag: 'ml-tabs', load: layout },
  tabitem: { tag: 'ml-tab', load: layout },
  tab: { tag: 'ml-tab', load: layout },
  accordion: { tag: 'ml-accordion', load: layout },
  sidebar: { tag: 'ml-accordion', load: layout },
  // Form components
  textbox: { tag: 'ml-textbox', load: () => import('./textbox/textbox.js') },
  number: { tag: 'ml-number', load: () => import('./number/number.js') },
  slider: { tag: 'ml-slider', load: () => import('./slider/slider.js') },
  checkbox: { tag: 'ml-checkbox', load: () => import('./checkbox/checkbox.js') },
  checkboxgroup: { tag: 'ml-checkboxgroup', load: () => import('./checkboxgroup/checkboxgroup.js') },
  radio: { tag: 'ml-radio', load: () => import('./radio/radio.js') },
  dropdown: { tag: 'ml-dropdown', load: () => import('./dropdown/dropdown.js') },
  colorpicker: { tag: 'ml-colorpicker', load: () => import('./colorpicker/colorpicker.js') },
  button: { tag: 'ml-button', load: () => import('./button/button.js') },
  // Display components
  markdown: { tag: 'ml-markdown', load: () => import('./markdown/markdown.js') },
  html: { tag: 'ml-html', load: () => import('./html/html.js') },
  json: { tag: 'ml-json', load: () => import('./json/json.js') },
  label: { tag: 'ml-label', load: () => import('./label/label.js') },
  code: { tag: 'ml-code', load: () => import('./code/code.js') },
  highlightedtext: { tag: 'ml-highlightedtext', load: () => import('./highlightedtext/highlightedtext.js') },
  dataframe: { tag: 'ml-dataframe', load: () => import('./dataframe/dataframe.js') },
  state: { tag: 'ml-state', load: () => import('./state/state.js') },
  browserstate: { tag: 'ml-state', load: () => import('./state/state.js') },
  dataset: { tag: 'ml-dataset', load: () => import('./dataset/dataset.js') },
  // Media components
  image: { tag: 'ml-image', load: () => import('./image/image.js') },
  audio: { tag: 'ml-audio', load: () => import('./audio/audio.js') },
  video: { tag: 'ml-video', load: () => import('./video/video.js') },
  file: { tag: 'ml-file', load: () => import('./file/file.js') },
  files: { tag: 'ml-file', load: () => import('./file/file.js') },
  gallery: { tag: 'ml-gallery', load: () => import('./gallery/gallery.js') },
  annotatedimage: { tag: 'ml-annotatedimage', load: () => import('./annotatedimage/annotatedimage.js') },
  uploadbutton: { tag: 'ml-uploadbutton', load: () => import('./uploadbutton/uploadbutton.js') },
  downloadbutton: { tag: 'ml-downloadbutton', load: () => import('./downloadbutton/downloadbutton.js') },
  // Chat
  chatbot: { tag: 'ml-chatbot', load: () => import('./chatbot/chatbot.js') },
  multimodaltextbox: { tag: 'ml-multimodaltextbox', load: () => import('./multimodaltextbox/multimodaltextbox.js') },
};

/** Types whose value lives on the server: sent as null, never rendered. */
export const STATE_TYPES = new Set(['state']);

/** Types that hold a value but draw nothing (BrowserState's value is sent like any input's). */
export const INVISIBLE_TYPES = new Set(['state', 'browserstate']);

/** Layout containers: their children are rendered inside them. */
export const LAYOUT_TYPES = new Set(['row', 'column', 'group', 'form', 'tabs', 'tabitem', 'tab', 'accordion', 'sidebar']);
