/**
 * Starts a worker thread from a module beside the caller. Compiled, the worker
 * is the .js file; run from the TypeScript sources (tests, benchmarks), it
 * registers tsx before it loads its module.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * @param besideUrl the caller's import.meta.url; `name` is the worker module's file name without extension.
 * @param youngGenerationMb V8's young generation: small by default, as a worker's
 * results move on to the calling thread at once and V8's default would hold tens
 * of MB of them for nothing; larger for a worker that makes many short-lived objects.
 * @param workerData what the worker reads as its `workerData` (structured-cloned).
 */
export function startWorker(besideUrl: string, name: string, youngGenerationMb = 8, workerData?: unknown): Worker {
  const limits = { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb }, workerData };
  const here = besideUrl;
  if (here.endsWith('.js')) return new Worker(new URL(`./${name}.js`, here), limits);
  // The package's ESM entry, by path: resolved from here, not from wherever the process was started.
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const target = new URL(`./${name}.ts`, here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true, ...limits });
}
