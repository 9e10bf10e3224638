import { Command } from 'commander';
import type { Db } from '../store/connection.js';
import { openProject } from '../store/connection.js';
import { BULK_CHUNK_DOCUMENTS, catchUpSearchIndex, pendingDocuments, searchIndexStatus } from '../store/search-index.js';
import { searchDocuments } from '../store/search.js';
import { parsePositiveInt, say, warn } from './options.js';
import { progressLine } from './progress.js';
import { plainCountOf } from '../../shared/plural.js';

/**
 * Brings the search index up to date, with a progress bar on a terminal. It
 * also finishes what an interrupted import left: each chunk is committed with
 * its mark, so Ctrl-C or a kill loses nothing done so far.
 */
export async function indexForSearch(db: Db, signal?: AbortSignal): Promise<{ readonly indexed: number; readonly pending: number }> {
  const bar = progressLine('indexing for search |{bar}| {progress}');
  try {
    const before = searchIndexStatus(db);
    const after = await catchUpSearchIndex(db, {
      signal,
      // Nothing else is waiting on this process: larger chunks are faster overall.
      chunkDocuments: BULK_CHUNK_DOCUMENTS,
      onProgress: (status) => {
        const done = status.indexed - before.indexed;
        bar.update(done, Math.max(done + status.pending, 1));
      },
    });
    return { indexed: after.indexed - before.indexed, pending: after.pending };
  } finally {
    bar.stop();
  }
}

export function searchCommand(): Command {
  return new Command('search')
    .description('full-text search over titles and texts ("quoted phrases" allowed)')
    .argument('<query...>', 'words to find (all must match)')
    .requiredOption('--db <file>', 'project file')
    .option('--limit <n>', 'at most this many hits', parsePositiveInt, 20)
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: { db: string; limit: number; json?: boolean }) => {
      const db = openProject(opts.db, { mustExist: true });
      try {
        // An import interrupted before its index caught up would leave hits out: finish it first.
        const pending = pendingDocuments(db);
        if (pending > 0) {
          warn(`indexing ${plainCountOf(pending, 'document')} for search first`);
          await indexForSearch(db);
        }
        const hits = searchDocuments(db, words.join(' '), { limit: opts.limit });
        if (opts.json) {
          say(JSON.stringify(hits, null, 2));
          return;
        }
        if (hits.length === 0) say('no documents match');
        for (const hit of hits) say(`${hit.id}\t${hit.title}\n\t${hit.snippet.replace(/\s+/gu, ' ')}`);
      } finally {
        db.close();
      }
    });
}
