import type { NoiseKind, SpanStatus } from '../../shared/model.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

export interface ProjectStats {
  readonly documents: number;
  readonly characters: number;
  readonly spans: { readonly label: string; readonly status: SpanStatus; readonly count: number }[];
  readonly noise: { readonly kind: NoiseKind; readonly count: number }[];
}

/** Counts of documents, characters (code points), spans by label and status, noise by kind. */
export function projectStats(db: Db): ProjectStats {
  const totals = statement(db, 'SELECT count(*) AS documents, coalesce(sum(length_cp), 0) AS characters FROM documents').get() as {
    documents: number;
    characters: number;
  };
  const spans = statement(
    db,
    `SELECT l.name AS label, s.status AS status, count(s.id) AS count
     FROM spans s JOIN labels l ON l.name = s.label
     GROUP BY l.name, s.status ORDER BY l.position, l.name, s.status`,
  ).all() as ProjectStats['spans'];
  const noise = statement(db, 'SELECT kind, count(*) AS count FROM noise_marks GROUP BY kind ORDER BY kind').all() as ProjectStats['noise'];
  return { ...totals, spans, noise };
}
