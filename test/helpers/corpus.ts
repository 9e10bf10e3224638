import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The shared real-world corpus beside the repository (`../shared/corpus`). */
export const CORPUS_DIR = resolve(here, '../../../shared/corpus');

/** Path of the corpus file whose name starts with `prefix` (e.g. `001_`). */
export function corpusFile(prefix: string): string {
  if (!existsSync(CORPUS_DIR)) throw new Error(`the shared corpus is missing: expected it at ${CORPUS_DIR}`);
  const name = readdirSync(CORPUS_DIR).find((entry) => entry.startsWith(prefix));
  if (!name) throw new Error(`no corpus file starting with ${prefix} in ${CORPUS_DIR}`);
  return join(CORPUS_DIR, name);
}
