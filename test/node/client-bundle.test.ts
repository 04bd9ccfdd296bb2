// The browser build of the client: bundles for the browser platform with no Node built-ins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

test('src/client/index.ts bundles for browsers and workers without any Node built-in', async () => {
  const out = await build({
    entryPoints: [new URL('../../src/client/index.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(out.metafile.inputs);
  assert.ok(inputs.some((p) => p.includes('eventsource-parser')), 'the SSE parser is bundled');
  assert.ok(!inputs.some((p) => p.startsWith('node:') || p.includes('src/client/node.ts')), inputs.join('\n'));
  assert.doesNotMatch(out.outputFiles[0].text, /\bfrom\s*["']node:|require\(/);
});
