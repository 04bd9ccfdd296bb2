// Bundles the browser builds from the tsc output in lib/: the drop-in script, one entry per named element, and the
// client as one self-contained file. Component modules are imported lazily, so rollup splits them into chunks under
// dist/chunks/ that ES modules load relative to the entry's own URL (works from any host or CDN path).
// Also writes dist/meta.json (chunk graph + source modules per file) for scripts/size.mjs.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const entries = {
  'ml-elements': 'lib/components/index.js',
  'ml-app': 'lib/components/app/app.js',
  'ml-chatbot': 'lib/components/chatbot/chatbot.js',
  'ml-image': 'lib/components/image/image.js',
  'ml-endpoint': 'lib/components/endpoint/endpoint.js',
};

// An element whose module has not been written yet is left out with a warning instead of failing the build.
const input = Object.fromEntries(
  Object.entries(entries).filter(([name, file]) => {
    if (existsSync(file)) return true;
    console.warn(`rollup: skipping dist/${name}.js (${file} does not exist)`);
    return false;
  }),
);

/** Stamps the package version into the drop-in's double-load guard. */
function version() {
  return {
    name: 'ml-version',
    transform(code) {
      return code.includes('__ML_ELEMENTS_VERSION__') ? code.replaceAll('__ML_ELEMENTS_VERSION__', pkg.version) : null;
    },
  };
}

/**
 * A lazily imported module that does not exist (a component still being written) fails only when a page needs it,
 * with a clear message, instead of failing the whole build. The build still says so loudly.
 */
function missingLazyModules() {
  return {
    name: 'ml-missing-lazy',
    async resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string') return null;
      const resolved = await this.resolve(specifier, importer, { skipSelf: true });
      if (resolved) return null;
      console.warn(`rollup: ${specifier} (imported lazily by ${importer.replace(process.cwd() + '/', '')}) does not exist; it will fail at run time`);
      return { id: `\0missing:${specifier}`, external: false };
    },
    load(id) {
      if (!id.startsWith('\0missing:')) return null;
      const name = id.slice('\0missing:'.length);
      return `throw new Error(${JSON.stringify(`ml-elements: ${name} is not part of this build`)});`;
    },
  };
}

/** Emits meta.json: for every output file, its static and dynamic imports and the source modules it holds. */
function meta() {
  return {
    name: 'ml-meta',
    generateBundle(_options, bundle) {
      const root = process.cwd() + '/';
      const files = {};
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        files[file] = {
          entry: chunk.isEntry ? chunk.name : null,
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          modules: Object.keys(chunk.modules).map((m) => m.replace(root, '')),
        };
      }
      this.emitFile({ type: 'asset', fileName: 'meta.json', source: JSON.stringify(files, null, 1) });
    },
    // Chunks of earlier builds are removed after the new ones are written (never before: a running demo serves dist/).
    writeBundle(_options, bundle) {
      if (!existsSync('dist/chunks')) return;
      for (const name of readdirSync('dist/chunks')) if (!bundle[`chunks/${name}`]) rmSync(`dist/chunks/${name}`);
    },
  };
}

export default [
  {
    input,
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    plugins: [version(), missingLazyModules(), nodeResolve({ browser: true }), terser({ format: { comments: false } }), meta()],
  },
  // The client alone, in one file, for pages and workers that call apps from code.
  {
    input: 'lib/src/client/index.js',
    output: { file: 'dist/client.js', format: 'es' },
    plugins: [nodeResolve({ browser: true }), terser({ format: { comments: false } })],
  },
];
