#!/usr/bin/env node
// The `ml-elements` command. Runs the TypeScript sources in a checkout, the compiled lib/ in an installed package.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

const source = new URL('../src/cli/main.ts', import.meta.url);
// One process-wide TypeScript loader (as `node --import tsx`), under which the CLI re-imports app files on reload.
register();
const { main } = await import(existsSync(source) ? source.href : new URL('../lib/src/cli/main.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
