/**
 * What enabling sync does to a project's existing state: every shared row goes
 * in the outbox once, which is how a lead's project is published (its whole
 * state goes up as records). One statement per table, so 300,000 spans take
 * about as long as SQLite takes to write 300,000 index entries.
 *
 * Rows without a version yet go up with the lowest clock this laptop can make
 * (zeroHlc), not the time of enabling: a project that joins a team brings the
 * four default labels every new project has, and those must not overwrite the
 * labels the lead chose. On an empty server they are simply the first state.
 * Rows that have a version (sync was on before) go up with it, so an edit made
 * while sync was off loses to anything the team did meanwhile.
 */
import type { Db } from '../store/connection.js';
import { statement } from '../store/statements.js';
import { zeroHlc } from './clock.js';

/**
 * Change ids for a whole table at once: the time, a count, then 48 random bits.
 * With rows written in key order, a page of the outbox is then a run of
 * neighbouring entries in each of its indexes, and acknowledging it rewrites a
 * few pages of each rather than one page per change (140 ms a page of 5,000
 * when the ids were random, most of it writing the pages back).
 */
const CHANGE_ID = "printf('%012x%08x', CAST(unixepoch('subsec') * 1000 AS INTEGER), row_number() OVER (ORDER BY r.key)) || lower(hex(randomblob(6)))";
const UPSERT_OUTBOX = `ON CONFLICT (kind, key) DO UPDATE SET change_id = excluded.change_id, owner = excluded.owner,
    document = excluded.document, hlc = excluded.hlc, made_at = excluded.made_at, unsendable = NULL`;

/** Each kind's shared rows as (key, owner, document); parameters @member. Spans of nobody else's are the member's. */
const SHARED_ROWS: readonly (readonly [kind: string, rows: string])[] = [
  ['label', 'SELECT name AS key, NULL AS owner, NULL AS document FROM labels'],
  ['annotator', 'SELECT name AS key, NULL AS owner, NULL AS document FROM annotators'],
  ['setting', "SELECT key, NULL AS owner, NULL AS document FROM project_settings WHERE key = 'blindAnnotation'"],
  ['entity', 'SELECT uid AS key, NULL AS owner, NULL AS document FROM entities WHERE uid IS NOT NULL'],
  [
    'span',
    `SELECT s.uid AS key, CASE WHEN s.annotator = '' THEN @member ELSE s.annotator END AS owner, d.content_hash AS document
     FROM spans s JOIN documents d ON d.id = s.document_id
     WHERE NOT (s.annotator = '' AND s.status = 'suggested') OR EXISTS (SELECT 1 FROM sync_versions v WHERE v.kind = 'span' AND v.key = s.uid)`,
  ],
  [
    'assignment',
    `SELECT a.annotator || ':' || d.content_hash AS key, a.annotator AS owner, d.content_hash AS document
     FROM assignments a JOIN documents d ON d.id = a.document_id WHERE a.annotator <> ''`,
  ],
  [
    'progress',
    `SELECT p.annotator || ':' || d.content_hash AS key, p.annotator AS owner, d.content_hash AS document
     FROM document_progress p JOIN documents d ON d.id = p.document_id WHERE p.annotator <> ''`,
  ],
];

/**
 * Work done in one person's name before the project had a team — spans
 * tagged, marks set, under nobody ('') — becomes the member's: their
 * teammates see it as the member's, and so does this laptop from now on. A
 * span the member already has in the same place stays nobody's; it still goes
 * up as the member's (see readOutbox), where the receiving laptops keep one of
 * the two. Suggestions nobody decided on stay nobody's.
 */
export function attributeNobodysWork(db: Db, member: string): void {
  statement(db, "UPDATE OR IGNORE spans SET annotator = ? WHERE annotator = '' AND status <> 'suggested'").run(member);
  statement(db, "UPDATE OR IGNORE document_progress SET annotator = ? WHERE annotator = ''").run(member);
  // What is left under '' is a mark the member has too.
  statement(db, "DELETE FROM document_progress WHERE annotator = ''").run();
}

/** Puts every shared row in the outbox and gives each a version, inside the caller's transaction. */
export function publishEverything(db: Db, member: string): void {
  const zero = zeroHlc(db);
  const madeAt = new Date().toISOString();
  for (const [kind, rows] of SHARED_ROWS) {
    statement(
      db,
      `INSERT INTO sync_outbox (change_id, kind, key, owner, document, hlc, made_at)
       SELECT ${CHANGE_ID}, '${kind}', r.key, r.owner, r.document, coalesce(v.hlc, @zero), @madeAt
       FROM (${rows}) r LEFT JOIN sync_versions v ON v.kind = '${kind}' AND v.key = r.key
       WHERE true ORDER BY r.key ${UPSERT_OUTBOX}`,
    ).run({ member, zero, madeAt });
    statement(db, `INSERT INTO sync_versions (kind, key, hlc) SELECT '${kind}', r.key, @zero FROM (${rows}) r WHERE true ORDER BY r.key ON CONFLICT DO NOTHING`).run({
      member,
      zero,
    });
  }
}

/**
 * The highest span and entity ids the edit history may put back (undo
 * restores rows by id, replacing whatever holds it): pulled rows are given ids
 * above it, so undoing an old edit never overwrites someone else's span.
 * While sync is on, the triggers raise the span floor as spans are deleted,
 * and deleted entities' ids are in sync_entity_uids.
 */
export function recordIdFloors(db: Db): void {
  const highest = (kind: string, table: string): number =>
    statement(
      db,
      `SELECT max(coalesce((SELECT max(id) FROM ${table}), 0),
         coalesce((SELECT max(CAST(json_extract(c.value, '$.id') AS INTEGER)) FROM edits e, json_each(e.changes) c
                   WHERE json_extract(c.value, '$.kind') = '${kind}'), 0))`,
    )
      .pluck()
      .get() as number;
  statement(db, 'UPDATE sync_state SET span_id_floor = max(span_id_floor, ?), entity_id_floor = max(entity_id_floor, ?)').run(
    highest('span', 'spans'),
    highest('entity', 'entities'),
  );
}
