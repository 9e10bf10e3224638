#!/usr/bin/env node
// Thin launcher: the command line is compiled to dist/ by `npm run build` (run on install).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('marginalia: not built yet; run `npm run build` in the project folder\n');
  process.exit(1);
}
await import(entry.href);
