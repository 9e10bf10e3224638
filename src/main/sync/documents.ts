/**
 * Documents fetched from the team server, stored as an import stores them.
 * Documents are not records: they never change, and the server has them
 * already, so adding them notes nothing in the outbox.
 */
import type { Meta } from '../../shared/model.js';
import { SyncDocument } from '../../shared/sync.js';
import { UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { contentHash, insertDocument } from '../store/documents.js';
import { writeTransaction } from '../store/statements.js';

/**
 * Adds fetched documents by hash, in one transaction, and returns how many
 * were new here. A document whose text does not hash to its hash (or that is
 * malformed) is refused with the whole batch: a server that sends one is not
 * to be trusted with the others. Like a bulk import, the documents are stored
 * without indexing their text for search, which catches up afterwards
 * (catchUpSearchIndex, or the session's indexer).
 */
export function addPulledDocuments(db: Db, documents: readonly SyncDocument[]): number {
  return writeTransaction(db, () => {
    let added = 0;
    for (const candidate of documents) {
      const parsed = SyncDocument.safeParse(candidate);
      if (!parsed.success) throw new UserError(`the team server sent a malformed document (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      const { hash, title, source, text, meta } = parsed.data;
      if (contentHash(text) !== hash) throw new UserError(`the team server sent document ${hash} with a text that does not hash to it`);
      if (insertDocument(db, { title, source, text, meta: meta as Meta, contentHash: hash }, { index: false }).inserted) added++;
    }
    return added;
  })();
}
