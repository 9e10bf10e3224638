import type { Db } from '../../store/connection.js';
import { statement } from '../../store/statements.js';

/**
 * team.json in a bundle: the project's annotators, who was given which
 * document and who finished which. Documents are named by their index in
 * marginalia.json, as duplicates.json names them. Bundles before it have no
 * team.json; a reader that does not know it leaves it packed.
 */
export interface BundleTeam {
  readonly annotators: readonly { readonly name: string; readonly color: string | null; readonly position: number }[];
  readonly assignments: readonly { readonly document: number; readonly annotator: string; readonly assigned_at: string }[];
  readonly progress: readonly { readonly document: number; readonly annotator: string; readonly done_at: string }[];
}

/** The project's team, documents named by index (`indexes`: document id → index in the json export). */
export function bundleTeam(db: Db, indexes: ReadonlyMap<number, number>): BundleTeam {
  const byIndex = <T extends { document_id: number }>(rows: T[]) =>
    rows.flatMap(({ document_id: id, ...row }) => {
      const document = indexes.get(id);
      return document === undefined ? [] : [{ document, ...row }];
    });
  return {
    annotators: statement(db, 'SELECT name, color, position FROM annotators ORDER BY position, name').all() as BundleTeam['annotators'][number][],
    assignments: byIndex(
      statement(db, 'SELECT document_id, annotator, assigned_at FROM assignments ORDER BY document_id, annotator').all() as {
        document_id: number;
        annotator: string;
        assigned_at: string;
      }[],
    ),
    progress: byIndex(
      statement(db, 'SELECT document_id, annotator, done_at FROM document_progress ORDER BY document_id, annotator').all() as {
        document_id: number;
        annotator: string;
        done_at: string;
      }[],
    ),
  };
}
