// `cem analyze` (part of `npm run build`): custom-elements.json from the components' JSDoc headers and Lit properties.
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
