import type { NoiseKind, NoiseMark } from '../../shared/model.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** Records the noise found in a document at import. */
export function insertNoiseMarks(db: Db, documentId: number, marks: readonly NoiseMark[]): void {
  const insert = statement(db, 'INSERT INTO noise_marks (document_id, start_cp, end_cp, kind) VALUES (?, ?, ?, ?)');
  for (const mark of marks) insert.run(documentId, mark.startCp, mark.endCp, mark.kind);
}

/** Reads the noise marks of a range of documents in reading order: parameters are the first and last document. */
export const NOISE_IN_DOCUMENT_RANGE_SQL =
  'SELECT document_id, start_cp, end_cp, kind FROM noise_marks WHERE document_id BETWEEN ? AND ? ORDER BY document_id, start_cp, end_cp';

/** Noise marks of documents firstId..lastId grouped by document, in reading order. */
export function noiseInDocumentRange(db: Db, firstId: number, lastId: number): Map<number, NoiseMark[]> {
  const rows = statement(db, NOISE_IN_DOCUMENT_RANGE_SQL).all(firstId, lastId) as {
    document_id: number;
    start_cp: number;
    end_cp: number;
    kind: NoiseKind;
  }[];
  const byDocument = new Map<number, NoiseMark[]>();
  for (const row of rows) {
    const mark: NoiseMark = { startCp: row.start_cp, endCp: row.end_cp, kind: row.kind };
    const list = byDocument.get(row.document_id);
    if (list) list.push(mark);
    else byDocument.set(row.document_id, [mark]);
  }
  return byDocument;
}

/** Noise marks of one document, in reading order. */
export function noiseInDocument(db: Db, documentId: number): NoiseMark[] {
  return noiseInDocumentRange(db, documentId, documentId).get(documentId) ?? [];
}
