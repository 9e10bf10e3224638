/**
 * The triggers that note every change to shared things in the outbox while
 * sync is on. They are installed when sync is enabled and removed when it is
 * disabled rather than kept in the schema behind a "sync on?" test: a trigger
 * costs a microsecond or two a row even when its WHEN is false, and kept in
 * the schema these made adding half a million spans to a project that does not
 * sync take 8.6 s instead of 2.4 s. While pulled records are applied
 * (sync_state.applying) they note nothing.
 *
 * Each change ticks the hybrid logical clock inside SQLite and upserts one
 * pending row per thing in sync_outbox (a later change of the same thing gives
 * it a new change id and clock) and the thing's clock in sync_versions. The
 * outbox keeps no data: a push reads the current row, and a row that is gone,
 * or no longer shared, goes up as a tombstone, for which the outbox keeps the
 * owner and document. Upserts, not INSERT OR REPLACE: a trigger's statements
 * take the OR policy of the statement that fired them, so an INSERT OR IGNORE
 * into assignments would turn a replace into "keep the stale row"; an upsert's
 * DO UPDATE holds.
 *
 * A span is shared unless it is a suggestion nobody decided on (annotator ''
 * and status 'suggested'): records have no owner for it, and every laptop
 * makes its own. One the team has a version of stays noted, so that turning it
 * back into such a suggestion (undoing an accept) sends a tombstone.
 *
 * Undo and redo put a span back with INSERT OR REPLACE by id (with its uid),
 * and REPLACE removes the rows in its way without firing delete triggers: the
 * rows a put-back is about to remove are noted first, so a push sends what is
 * left of each (a tombstone for any that did not come back). A deleted span
 * raises sync_state.span_id_floor to its id, the id a pulled span must stay
 * above so that undoing the delete never replaces it.
 */
import type { Db } from '../store/connection.js';
import { statement } from '../store/statements.js';

/** Raised whenever the SQL below changes, so a project with older triggers gets them again (ensureSyncTriggers). */
export const SYNC_TRIGGERS_VERSION = 1;

const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
const NOW_ISO = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
/** A change id: time first, like uids, so new ones land at the end of the outbox's index. */
const CHANGE_ID = `printf('%012x', ${NOW_MS}) || lower(hex(randomblob(10)))`;
const RECORDING = '(SELECT enabled AND NOT applying FROM sync_state)';
/** formatHlc (src/shared/sync.ts) over sync_state aliased st. */
const HLC = "printf('%012x-%04x-%s', st.wall_ms, st.counter, st.node)";
/**
 * A local event: the wall time when it moved on, else one more on the
 * counter; a counter at its 16-bit limit moves the wall on by a millisecond
 * instead, so the clock keeps its width and its order. SQLite reads 'now' once
 * per statement, so a statement that changes many rows counts them up.
 */
const TICK = `wall_ms = CASE WHEN ${NOW_MS} > wall_ms THEN ${NOW_MS} WHEN counter >= 65535 THEN wall_ms + 1 ELSE wall_ms END,
    counter = CASE WHEN ${NOW_MS} > wall_ms THEN 0 WHEN counter >= 65535 THEN 0 ELSE counter + 1 END`;
const MEMBER = '(SELECT member FROM sync_state)';

const UPSERT_OUTBOX = `ON CONFLICT (kind, key) DO UPDATE SET change_id = excluded.change_id, owner = excluded.owner,
    document = excluded.document, hlc = excluded.hlc, made_at = excluded.made_at, unsendable = NULL`;
const UPSERT_VERSION = 'ON CONFLICT (kind, key) DO UPDATE SET hlc = excluded.hlc';

interface Noted {
  readonly key: string;
  readonly owner?: string;
  readonly document?: string;
  /** Whether to note it (beyond sync being on and not applying). */
  readonly when?: string;
}

/** Statements that note one thing: tick the clock, upsert its outbox row and its version. */
function note(kind: string, { key, owner = 'NULL', document = 'NULL', when = '1' }: Noted): string {
  const condition = `${RECORDING} AND (${key}) IS NOT NULL AND (${when})`;
  return `
    UPDATE sync_state SET ${TICK} WHERE ${condition};
    INSERT INTO sync_outbox (change_id, kind, key, owner, document, hlc, made_at)
      SELECT ${CHANGE_ID}, '${kind}', ${key}, ${owner}, ${document}, ${HLC}, ${NOW_ISO} FROM sync_state st WHERE ${condition}
      ${UPSERT_OUTBOX};
    INSERT INTO sync_versions (kind, key, hlc) SELECT '${kind}', ${key}, ${HLC} FROM sync_state st WHERE ${condition}
      ${UPSERT_VERSION};`;
}

/** Statements that note every row `rows` yields (columns key, owner, document) under one tick. */
function noteRows(kind: string, rows: string): string {
  const source = `(${rows}) r, sync_state st WHERE ${RECORDING} AND r.key IS NOT NULL`;
  return `
    UPDATE sync_state SET ${TICK} WHERE ${RECORDING} AND EXISTS (SELECT 1 FROM (${rows}) r WHERE r.key IS NOT NULL);
    INSERT INTO sync_outbox (change_id, kind, key, owner, document, hlc, made_at)
      SELECT ${CHANGE_ID}, '${kind}', r.key, r.owner, r.document, ${HLC}, ${NOW_ISO} FROM ${source}
      ${UPSERT_OUTBOX};
    INSERT INTO sync_versions (kind, key, hlc) SELECT '${kind}', r.key, ${HLC} FROM ${source}
      ${UPSERT_VERSION};`;
}

/** A span row's owner: its annotator, or the member for one of nobody's. */
const spanOwner = (row: string): string => `CASE WHEN ${row}.annotator = '' THEN ${MEMBER} ELSE ${row}.annotator END`;
const documentHash = (row: string): string => `(SELECT content_hash FROM documents WHERE id = ${row}.document_id)`;
/** Whether a span row is shared, or was (the team has a version of it). */
const spanShared = (row: string): string =>
  `(NOT (${row}.annotator = '' AND ${row}.status = 'suggested') OR EXISTS (SELECT 1 FROM sync_versions v WHERE v.kind = 'span' AND v.key = ${row}.uid))`;

const SPANS = `
  -- Only undo and redo name a span's id (SQLite gives NEW.id -1 here when an insert names none): a row put back may replace others.
  CREATE TRIGGER sync_spans_before_put_back BEFORE INSERT ON spans WHEN NEW.id > 0 AND ${RECORDING}
  BEGIN
    ${noteRows(
      'span',
      `SELECT s.uid AS key, ${spanOwner('s')} AS owner, ${documentHash('s')} AS document FROM spans s
       WHERE (s.id = NEW.id OR s.uid = NEW.uid OR (s.document_id = NEW.document_id AND s.start_cp = NEW.start_cp AND s.end_cp = NEW.end_cp
         AND s.label = NEW.label AND s.annotator = NEW.annotator)) AND ${spanShared('s')}`,
    )}
  END;

  -- Whether the span is shared is asked in WHEN: a suggestion run's spans then cost one test each, not three statements.
  CREATE TRIGGER sync_spans_after_insert AFTER INSERT ON spans WHEN ${RECORDING} AND ${spanShared('NEW')}
  BEGIN
    ${note('span', { key: 'NEW.uid', owner: spanOwner('NEW'), document: documentHash('NEW') })}
  END;

  CREATE TRIGGER sync_spans_after_update AFTER UPDATE ON spans WHEN ${RECORDING} AND (${spanShared('NEW')} OR ${spanShared('OLD')})
  BEGIN
    ${note('span', { key: 'NEW.uid', owner: spanOwner('NEW'), document: documentHash('NEW') })}
    ${note('span', { key: 'OLD.uid', owner: spanOwner('OLD'), document: documentHash('OLD'), when: `OLD.uid <> NEW.uid AND ${spanShared('OLD')}` })}
  END;

  -- A document's spans go before it, noted by its own trigger while its hash can be read.
  CREATE TRIGGER sync_spans_after_delete AFTER DELETE ON spans
  BEGIN
    UPDATE sync_state SET span_id_floor = OLD.id WHERE span_id_floor < OLD.id;
    ${note('span', { key: 'OLD.uid', owner: spanOwner('OLD'), document: documentHash('OLD'), when: `${documentHash('OLD')} IS NOT NULL AND ${spanShared('OLD')}` })}
  END;`;

const ENTITIES = `
  -- Entities arrive without a uid (the entities_uid trigger of migration 017 gives it, an update this one notes), except pulled ones.
  CREATE TRIGGER sync_entities_after_insert AFTER INSERT ON entities WHEN NEW.uid IS NOT NULL AND ${RECORDING}
  BEGIN
    ${note('entity', { key: 'NEW.uid' })}
  END;

  CREATE TRIGGER sync_entities_after_update AFTER UPDATE ON entities WHEN ${RECORDING}
  BEGIN
    ${note('entity', { key: 'NEW.uid' })}
    ${note('entity', { key: 'OLD.uid', when: 'OLD.uid <> NEW.uid' })}
  END;

  CREATE TRIGGER sync_entities_after_delete AFTER DELETE ON entities WHEN OLD.uid IS NOT NULL
  BEGIN
    DELETE FROM sync_entity_uids WHERE id = OLD.id;
    INSERT INTO sync_entity_uids (id, uid, name, label) VALUES (OLD.id, OLD.uid, OLD.name, OLD.label);
    ${note('entity', { key: 'OLD.uid' })}
  END;`;

/** Triggers for a table whose rows are named by one column; a rename is a removal and an addition. */
function named(kind: string, table: string, column: string, when: (row: string) => string = () => '1'): string {
  return `
  CREATE TRIGGER sync_${table}_after_insert AFTER INSERT ON ${table} WHEN ${RECORDING}
  BEGIN
    ${note(kind, { key: `NEW.${column}`, when: when('NEW') })}
  END;
  CREATE TRIGGER sync_${table}_after_update AFTER UPDATE ON ${table} WHEN ${RECORDING}
  BEGIN
    ${note(kind, { key: `NEW.${column}`, when: when('NEW') })}
    ${note(kind, { key: `OLD.${column}`, when: `OLD.${column} <> NEW.${column} AND ${when('OLD')}` })}
  END;
  CREATE TRIGGER sync_${table}_after_delete AFTER DELETE ON ${table} WHEN ${RECORDING}
  BEGIN
    ${note(kind, { key: `OLD.${column}`, when: when('OLD') })}
  END;`;
}

/**
 * Triggers for one annotator's marks on documents (assignments, progress),
 * keyed ownedDocumentKey(annotator, document hash). Marks kept for nobody ('')
 * are not shared.
 */
function owned(kind: string, table: string): string {
  const row = (which: string): Noted => ({
    key: `CASE WHEN ${which}.annotator <> '' THEN ${which}.annotator || ':' || ${documentHash(which)} END`,
    owner: `${which}.annotator`,
    document: documentHash(which),
  });
  return `
  CREATE TRIGGER sync_${table}_after_insert AFTER INSERT ON ${table} WHEN ${RECORDING}
  BEGIN
    ${note(kind, row('NEW'))}
  END;
  CREATE TRIGGER sync_${table}_after_update AFTER UPDATE ON ${table} WHEN ${RECORDING}
  BEGIN
    ${note(kind, row('NEW'))}
    ${note(kind, { ...row('OLD'), when: 'OLD.annotator <> NEW.annotator OR OLD.document_id <> NEW.document_id' })}
  END;
  CREATE TRIGGER sync_${table}_after_delete AFTER DELETE ON ${table} WHEN ${RECORDING}
  BEGIN
    ${note(kind, row('OLD'))}
  END;`;
}

/** A document's spans and marks go with it by foreign key, after it is gone and its hash with it: they are noted first. */
function documents(): string {
  const marks = (table: string): string =>
    `SELECT m.annotator || ':' || OLD.content_hash AS key, m.annotator AS owner, OLD.content_hash AS document
     FROM ${table} m WHERE m.document_id = OLD.id AND m.annotator <> ''`;
  return `
  CREATE TRIGGER sync_documents_before_delete BEFORE DELETE ON documents WHEN ${RECORDING}
  BEGIN
    ${noteRows('span', `SELECT s.uid AS key, ${spanOwner('s')} AS owner, OLD.content_hash AS document FROM spans s WHERE s.document_id = OLD.id AND ${spanShared('s')}`)}
    ${noteRows('assignment', marks('assignments'))}
    ${noteRows('progress', marks('document_progress'))}
  END;`;
}

/** Of the project's settings, blind annotation is the team's; the others are each laptop's own. */
const SETTINGS = named('setting', 'project_settings', 'key', (row) => `${row}.key = 'blindAnnotation'`);

function allTriggers(): string {
  return [
    SPANS,
    ENTITIES,
    named('label', 'labels', 'name'),
    named('annotator', 'annotators', 'name'),
    owned('assignment', 'assignments'),
    owned('progress', 'document_progress'),
    SETTINGS,
    documents(),
  ].join('\n');
}

/** The names of the triggers installed, read from the schema so that removing them also removes older versions' ones. */
function installedTriggerNames(db: Db): string[] {
  return statement(db, "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'").pluck().all() as string[];
}

/** Removes the sync triggers, inside the caller's transaction. */
export function removeSyncTriggers(db: Db): void {
  for (const name of installedTriggerNames(db)) db.exec(`DROP TRIGGER "${name}"`);
  statement(db, 'UPDATE sync_state SET triggers_version = 0').run();
}

/** Installs (again) the sync triggers of this version, inside the caller's transaction. */
export function installSyncTriggers(db: Db): void {
  removeSyncTriggers(db);
  db.exec(allTriggers());
  statement(db, 'UPDATE sync_state SET triggers_version = ?').run(SYNC_TRIGGERS_VERSION);
}

/** Whether the installed triggers are this version's; false for a project that does not sync. */
export function syncTriggersCurrent(db: Db): boolean {
  return (statement(db, 'SELECT triggers_version FROM sync_state').pluck().get() as number) === SYNC_TRIGGERS_VERSION;
}
