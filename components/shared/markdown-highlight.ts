// highlight.js with the languages chat replies use most, loaded on demand (a separate chunk) by markdown.ts.
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import javascript from 'highlight.js/lib/languages/javascript';
import typescript from 'highlight.js/lib/languages/typescript';
import json from 'highlight.js/lib/languages/json';
import bash from 'highlight.js/lib/languages/bash';
import xml from 'highlight.js/lib/languages/xml';
import css from 'highlight.js/lib/languages/css';

for (const [name, lang] of Object.entries({ python, javascript, typescript, json, bash, xml, css })) {
  hljs.registerLanguage(name, lang);
}
// py, js, ts, sh, html… are already aliases of these grammars.
hljs.registerAliases(['shell', 'console'], { languageName: 'bash' });

export default hljs;
