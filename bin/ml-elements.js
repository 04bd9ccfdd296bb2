#!/usr/bin/env node
// The `ml-elements` command. Runs the TypeScript sources in a checkout, the compiled lib/ in an installed package.
import { existsSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const source = new URL('../src/cli/main.ts', import.meta.url);
const { main } = existsSync(source)
  ? await tsImport(source.href, import.meta.url)
  : await import(new URL('../lib/src/cli/main.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
