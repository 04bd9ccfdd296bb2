// Bundles the browser builds from the tsc output in lib/: the drop-in script and one entry per named element.
// Component modules are imported lazily, so rollup splits them into chunks loaded relative to the entry's URL.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: {
    'ml-elements': 'lib/components/index.js',
  },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
  plugins: [nodeResolve({ browser: true }), terser({ format: { comments: false } })],
};
