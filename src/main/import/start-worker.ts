/**
 * Starts one of the import's worker threads. Compiled, a worker is the .js file
 * beside this module; run from the TypeScript sources (tests, benchmarks), the
 * worker registers tsx before it loads its module.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A small young generation: a worker's strings move on to the import's thread at
 * once, and V8's default would hold tens of MB of them for nothing.
 */
const LIMITS = { resourceLimits: { maxYoungGenerationSizeMb: 8 } };

export function startImportWorker(name: 'read-worker' | 'stream-worker'): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL(`./${name}.js`, here), LIMITS);
  // The package's ESM entry, by path: resolved from here, not from wherever the process was started.
  const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const target = new URL(`./${name}.ts`, here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true, ...LIMITS });
}
