import type { ImportReport } from '../../src/main/import/pipeline.js';
import type { Db } from '../../src/main/store/connection.js';

/** Everything an import stores, without the times it was stored at: two imports of the same files compare equal. */
export function storedByImport(db: Db): unknown {
  return {
    documents: db.prepare('SELECT id, title, source, content_hash, length_cp, text, meta FROM documents ORDER BY id').all(),
    noise: db.prepare('SELECT document_id, start_cp, end_cp, kind FROM noise_marks ORDER BY id').all(),
    spans: db.prepare('SELECT document_id, start_cp, end_cp, label, annotator, status, entity_id FROM spans ORDER BY id').all(),
    entities: db.prepare('SELECT id, name, label FROM entities ORDER BY id').all(),
  };
}

/** An import's report as plain data, for comparing two reports. */
export function reportedByImport(report: ImportReport): unknown {
  return { ...report, rejected: [...report.rejected], duplicates: [...report.duplicates] };
}
