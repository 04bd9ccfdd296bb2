// What npm users get: the packed files, and every subpath export importable (with its types) by plain Node.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

before(() => {
  const built = ['dist/ml-elements.js', 'lib/components/index.js', 'custom-elements.json'].every((f) => existsSync(join(repo, f)));
  if (!built) execSync('npm run build', { cwd: repo, stdio: 'ignore' });
});

test('npm pack ships the ESM build with types, the bundles, the CLI and custom-elements.json, and no sources or tests', () => {
  const [packed] = JSON.parse(execSync('npm pack --dry-run --json --ignore-scripts', { cwd: repo, encoding: 'utf8' })) as [{ files: { path: string }[] }];
  const files = new Set(packed.files.map((f) => f.path));
  for (const [name, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') {
      if (!target.includes('*')) assert.ok(files.has(target.replace(/^\.\//, '')), `${name} → ${target} is packed`);
      continue;
    }
    assert.ok(files.has(target.default.replace(/^\.\//, '')), `${name} → ${target.default} is packed`);
    assert.ok(files.has(target.types.replace(/^\.\//, '')), `${name} types ${target.types} are packed`);
  }
  for (const f of ['dist/ml-elements.js', 'dist/ml-app.js', 'dist/ml-chatbot.js', 'dist/ml-image.js', 'dist/client.js', 'bin/ml-elements.js', 'lib/src/cli/main.js', 'custom-elements.json']) {
    assert.ok(files.has(f), `${f} is packed`);
  }
  assert.ok(![...files].some((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('demo/')), 'no tests, sources or demo');
  assert.ok(pkg.dependencies.tsx, 'tsx is a runtime dependency: the CLI imports TypeScript app files');
});

test('ml-elements/client, /client/node, /server and /protocol import in plain Node (no TypeScript loader)', () => {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `
      const client = await import('ml-elements/client');
      const node = await import('ml-elements/client/node');
      const server = await import('ml-elements/server');
      const protocol = await import('ml-elements/protocol');
      console.log([typeof client.connect, typeof node.handleFile, typeof server.Interface, typeof server.Blocks, typeof server.ChatInterface, typeof protocol.applyDiff].join(' '));
    `],
    { cwd: repo, encoding: 'utf8' },
  );
  assert.equal(out.trim(), 'function function function function function function');
});

test('the installed CLI (compiled lib/, as in the package) prints its help', () => {
  const out = execFileSync(process.execPath, ['-e', "import('./lib/src/cli/main.js').then((m) => m.main(['--help']))"], { cwd: repo, encoding: 'utf8' });
  assert.match(out, /Usage: ml-elements serve <app\.ts>/);
});
