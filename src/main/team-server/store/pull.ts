import type { SyncRecord } from '../../../shared/sync.js';
import type { Queryable } from '../database.js';
import type { Caller } from './members.js';

/** The most records one pull page scans. */
export const PULL_LIMIT_MAX = 5_000;

export interface PullOutcome {
  readonly records: SyncRecord[];
  /** The largest seq scanned (shown or not): the cursor for the next page. */
  readonly next: number;
  /** Whether the page was full, so there may be more after `next`. */
  readonly more: boolean;
}

/**
 * Whether an annotator works blind (sees only their own spans). The setting
 * 'blindAnnotation' decides when it is true or false. When it is null or unset,
 * blind annotation is on once the team has two annotators, counted as the
 * larger of the active members with the role annotator and the project's
 * annotator records: a laptop turns it on from its annotator list, and the
 * server never shows more than a laptop would.
 */
export const BLIND_SQL = `coalesce(
    (SELECT CASE WHEN jsonb_typeof(value) = 'boolean' THEN value = 'true'::jsonb END FROM settings WHERE key = 'blindAnnotation'),
    greatest(
      (SELECT count(*) FROM members WHERE role = 'annotator' AND revoked_at IS NULL),
      (SELECT count(*) FROM records WHERE kind = 'annotator' AND NOT deleted)
    ) >= 2)`;

/**
 * The records of one page that the viewer may see, then one row (visible =
 * false) with the last seq scanned and how many were. The page is chosen first
 * (the next `limit` seqs, by the seq index) and filtered after, so a page of
 * records the viewer may not see still moves their cursor on; only what they
 * may see leaves the database (an annotator's first pull scans every
 * colleague's assignments, nine in ten of what it reads).
 *
 * What a viewer sees: curators and the lead everything. An annotator sees
 * labels, annotators, entities and settings; their own assignments and
 * progress; their own spans; and, unless blind, everyone's spans on documents
 * they may see (those assigned to them, or all while nothing is assigned).
 *
 * Parameters: $1 after (seq), $2 limit (null: no limit), $3 viewer name,
 * $4 whether the viewer sees everything, and for one document's page $5 its hash.
 */
function pullPageSql(oneDocument: boolean): string {
  return `
WITH viewer AS MATERIALIZED (
  SELECT $3::text AS name,
         $4::boolean AS sees_all,
         CASE WHEN $4::boolean THEN false ELSE EXISTS (SELECT 1 FROM assignments) END AS assigned_only,
         CASE WHEN $4::boolean THEN false ELSE ${BLIND_SQL} END AS blind
), page AS (
  SELECT * FROM records
   WHERE seq > $1 ${oneDocument ? 'AND document = $5::text' : ''}
   ORDER BY seq LIMIT $2
),
-- Materialized so that each record's visibility is worked out once.
scanned AS MATERIALIZED (
  SELECT p.*, v.sees_all OR CASE p.kind
     WHEN 'assignment' THEN p.owner = v.name
     WHEN 'progress' THEN p.owner = v.name
     -- One probe of the primary key (annotator, document) per span. Reading the viewer's
     -- documents into a hash once per page was faster for a small queue, but a queue of
     -- 100,000 is too large to hash and the subplan then scanned it for every span.
     WHEN 'span' THEN p.owner = v.name OR (NOT v.blind AND (NOT v.assigned_only
       OR EXISTS (SELECT 1 FROM assignments a WHERE a.annotator = $3::text AND a.document = p.document)))
     ELSE true
   END AS visible
  FROM page p CROSS JOIN viewer v
)
SELECT kind, key, seq, hlc, change_id, author, owner, document, changed_at, data, true AS visible, NULL::bigint AS scanned
  FROM scanned WHERE visible
UNION ALL
SELECT NULL, NULL, max(seq), NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, count(*) FROM scanned
 ORDER BY visible DESC, seq`;
}

/** A page of every record (the seq index gives the next ones). */
export const PULL_SQL = pullPageSql(false);
/** A page of one document's records (the index on document and seq). */
export const PULL_DOCUMENT_SQL = pullPageSql(true);

interface PulledRow {
  kind: SyncRecord['kind'];
  key: string;
  seq: string;
  hlc: string;
  change_id: string;
  author: string;
  owner: string | null;
  document: string | null;
  changed_at: Date;
  data: unknown;
  visible: boolean;
  /** On the last row only (not visible): how many records the page scanned. */
  scanned: string | null;
}

function recordOf(row: PulledRow): SyncRecord {
  // Every stored record passed the SyncRecord schema on its way in.
  return {
    kind: row.kind,
    key: row.key,
    owner: row.owner,
    document: row.document,
    data: row.data ?? null,
    changeId: row.change_id,
    hlc: row.hlc,
    author: row.author,
    changedAt: row.changed_at.toISOString(),
    seq: Number(row.seq),
  } as SyncRecord;
}

async function pullPage(db: Queryable, caller: Caller, after: number, limit: number | null, document: string | null): Promise<PullOutcome> {
  const { rows } =
    document === null
      ? await db.query<PulledRow>(PULL_SQL, [after, limit, caller.name, caller.role !== 'annotator'])
      : await db.query<PulledRow>(PULL_DOCUMENT_SQL, [after, limit, caller.name, caller.role !== 'annotator', document]);
  const summary = rows.at(-1);
  const scanned = Number(summary?.scanned ?? 0);
  return {
    records: rows.filter((row) => row.visible).map(recordOf),
    next: summary === undefined || summary.seq === null ? after : Number(summary.seq),
    more: limit !== null && scanned === limit,
  };
}

/** The records after a seq that this member may see, oldest first, scanning at most `limit` (≤ PULL_LIMIT_MAX). */
export function pull(db: Queryable, caller: Caller, after: number, limit: number): Promise<PullOutcome> {
  return pullPage(db, caller, after, Math.min(limit, PULL_LIMIT_MAX), null);
}

/**
 * The records of one document that this member may see, for a laptop that
 * learns of a document after its cursor passed the document's records (a new
 * assignment). Every record unless `limit` is given.
 */
export function pullDocument(db: Queryable, caller: Caller, hash: string, after = 0, limit: number | null = null): Promise<PullOutcome> {
  return pullPage(db, caller, after, limit === null ? null : Math.min(limit, PULL_LIMIT_MAX), hash);
}
