/**
 * The changes made here that wait to be pushed, read out as records. The
 * outbox names what changed (kind and key) and when (its clock); the data
 * comes from the row as it is now, one statement per kind for a whole page
 * (each joins the page's outbox rows to their table by its key's index), and a
 * row that is gone, or no longer shared, goes up as a tombstone.
 */
import { SyncRecord, type SyncKind } from '../../shared/sync.js';
import type { Db } from '../store/connection.js';
import { statement, writeTransaction } from '../store/statements.js';

interface OutboxRow {
  readonly seq: number;
  readonly change_id: string;
  readonly kind: SyncKind;
  readonly key: string;
  readonly owner: string | null;
  readonly document: string | null;
  readonly hlc: string;
}

/** The oldest pending changes: parameter the limit. Read in seq order by the outbox's primary key. */
export const OUTBOX_PAGE_SQL =
  'SELECT seq, change_id, kind, key, owner, document, hlc FROM sync_outbox WHERE unsendable IS NULL ORDER BY seq LIMIT ?';

/**
 * Each kind's current rows for a page of the outbox: parameters the first and
 * last seq of the page. Each reads the page by the outbox's primary key (its
 * kind with a unary plus, and CROSS JOIN to keep the outbox outermost: SQLite
 * would otherwise read every pending change of the kind by the (kind, key)
 * index, once per page) and each row's thing by its key.
 */
export const OUTBOX_DATA_SQL: Readonly<Record<SyncKind, string>> = {
  label: `SELECT o.seq, l.display_name, l.color, l.shortcut_key, l.position, l.names_things
    FROM sync_outbox o CROSS JOIN labels l ON l.name = o.key WHERE o.seq BETWEEN ? AND ? AND +o.kind = 'label'`,
  annotator: `SELECT o.seq, a.color, a.position
    FROM sync_outbox o CROSS JOIN annotators a ON a.name = o.key WHERE o.seq BETWEEN ? AND ? AND +o.kind = 'annotator'`,
  assignment: `SELECT o.seq, a.assigned_at
    FROM sync_outbox o CROSS JOIN documents d ON d.content_hash = o.document CROSS JOIN assignments a ON a.annotator = o.owner AND a.document_id = d.id
    WHERE o.seq BETWEEN ? AND ? AND +o.kind = 'assignment'`,
  progress: `SELECT o.seq, p.done_at
    FROM sync_outbox o CROSS JOIN documents d ON d.content_hash = o.document CROSS JOIN document_progress p ON p.annotator = o.owner AND p.document_id = d.id
    WHERE o.seq BETWEEN ? AND ? AND +o.kind = 'progress'`,
  entity: `SELECT o.seq, e.name, e.label, e.aliases
    FROM sync_outbox o CROSS JOIN entities e ON e.uid = o.key WHERE o.seq BETWEEN ? AND ? AND +o.kind = 'entity'`,
  span: `SELECT o.seq, s.annotator, s.status, s.start_cp, s.end_cp, s.label, s.value, s.note, s.created_at, s.updated_at,
      d.content_hash AS document, e.uid AS entity
    FROM sync_outbox o CROSS JOIN spans s ON s.uid = o.key CROSS JOIN documents d ON d.id = s.document_id LEFT JOIN entities e ON e.id = s.entity_id
    WHERE o.seq BETWEEN ? AND ? AND +o.kind = 'span'`,
  setting: `SELECT o.seq, p.value
    FROM sync_outbox o CROSS JOIN project_settings p ON p.key = o.key WHERE o.seq BETWEEN ? AND ? AND +o.kind = 'setting'`,
};

type DataRow = Record<string, unknown> & { readonly seq: number };

/** A record's data (null for a tombstone) and, for spans, the owner and document it has now. */
interface Current {
  readonly data: unknown;
  readonly owner?: string;
  readonly document?: string;
}

function current(kind: SyncKind, row: DataRow | undefined, member: string | null): Current {
  if (row === undefined) return { data: null };
  switch (kind) {
    case 'label':
      return {
        data: {
          displayName: row.display_name,
          color: row.color,
          shortcutKey: row.shortcut_key,
          position: row.position,
          namesThings: row.names_things === 1,
        },
      };
    case 'annotator':
      return { data: { color: row.color, position: row.position } };
    case 'assignment':
      return { data: { assignedAt: row.assigned_at } };
    case 'progress':
      return { data: { doneAt: row.done_at } };
    case 'entity':
      return { data: { name: row.name, label: row.label, aliases: JSON.parse(row.aliases as string) as unknown } };
    case 'span': {
      const owner = row.annotator === '' ? (member ?? '') : (row.annotator as string);
      // A suggestion nobody decided on is not shared: the team has it as gone.
      if (row.annotator === '' && row.status === 'suggested') return { data: null, owner, document: row.document as string };
      return {
        owner,
        document: row.document as string,
        data: {
          startCp: row.start_cp,
          endCp: row.end_cp,
          label: row.label,
          status: row.status,
          entity: row.entity,
          value: row.value === null ? null : (JSON.parse(row.value as string) as unknown),
          note: row.note,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        },
      };
    }
    case 'setting':
      return { data: { value: JSON.parse(row.value as string) as unknown } };
  }
}

function toRecord(change: OutboxRow, now: Current): unknown {
  const owned = change.kind === 'span' || change.kind === 'assignment' || change.kind === 'progress';
  return {
    changeId: change.change_id,
    hlc: change.hlc,
    kind: change.kind,
    key: change.key,
    owner: owned ? (now.owner ?? change.owner) : null,
    document: owned ? (now.document ?? change.document) : null,
    data: now.data,
  };
}

/**
 * The oldest pending changes as records, at most `limit`, oldest first. A
 * change that cannot make a valid record (an entity name longer than the
 * contract allows, say) is set aside with the reason — syncStatus counts them
 * — rather than holding up the ones behind it; changing the thing again gives
 * it another try.
 */
export function readOutbox(db: Db, limit: number): SyncRecord[] {
  const changes = statement(db, OUTBOX_PAGE_SQL).all(limit) as OutboxRow[];
  if (changes.length === 0) return [];
  const first = changes[0]!.seq;
  const last = changes[changes.length - 1]!.seq;
  const member = statement(db, 'SELECT member FROM sync_state').pluck().get() as string | null;
  const byKind = new Map<SyncKind, Map<number, DataRow>>();
  for (const kind of new Set(changes.map((change) => change.kind))) {
    const rows = statement(db, OUTBOX_DATA_SQL[kind]).all(first, last) as DataRow[];
    byKind.set(kind, new Map(rows.map((row) => [row.seq, row])));
  }
  const records: SyncRecord[] = [];
  const unsendable: [reason: string, seq: number][] = [];
  for (const change of changes) {
    const parsed = SyncRecord.safeParse(toRecord(change, current(change.kind, byKind.get(change.kind)?.get(change.seq), member)));
    if (parsed.success) records.push(parsed.data);
    else unsendable.push([parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ').slice(0, 500), change.seq]);
  }
  if (unsendable.length > 0) {
    writeTransaction(db, () => {
      for (const [reason, seq] of unsendable) statement(db, 'UPDATE sync_outbox SET unsendable = ? WHERE seq = ?').run(reason, seq);
    })();
  }
  return records;
}

/** Removes pushed changes by change id: parameter a JSON array of ids. */
export const ACKNOWLEDGE_SQL = 'DELETE FROM sync_outbox WHERE change_id IN (SELECT value FROM json_each(?))';

/** Removes the outbox rows of these changes, once the server has them. A row changed again since it was read has a new change id and stays. */
export function acknowledgePushed(db: Db, changeIds: readonly string[]): number {
  return writeTransaction(db, () => {
    let removed = 0;
    for (let at = 0; at < changeIds.length; at += 5000) {
      removed += statement(db, ACKNOWLEDGE_SQL).run(
        JSON.stringify(changeIds.slice(at, at + 5000)),
      ).changes;
    }
    return removed;
  })();
}

/**
 * Sets pending changes aside that the server would refuse whatever happens (a
 * label changed by an annotator, say): one refused record fails its whole
 * batch, so left in place it would stop every change behind it from going up.
 * They stay in the outbox with the reason, which the status shows; a later
 * change of the same thing gives it another try.
 */
export function setAsideUnsendable(db: Db, changes: readonly (readonly [changeId: string, reason: string])[]): void {
  if (changes.length === 0) return;
  writeTransaction(db, () => {
    for (const [changeId, reason] of changes) statement(db, 'UPDATE sync_outbox SET unsendable = ? WHERE change_id = ?').run(reason.slice(0, 500), changeId);
  })();
}

/** How many changes wait to be pushed (not counting those set aside as unsendable). */
export function pendingChangeCount(db: Db): number {
  return statement(db, 'SELECT count(*) FROM sync_outbox WHERE unsendable IS NULL').pluck().get() as number;
}
