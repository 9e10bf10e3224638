/**
 * Applying records pulled from the team server: last writer wins, by the
 * hybrid logical clock. A record changes this project only when its clock is
 * later than the clock of the state here (sync_versions), so a page applied
 * twice, or records met in any order, end the same. The whole page is one
 * transaction with the triggers told to note nothing (sync_state.applying):
 * interrupted, it leaves no record applied and the pull cursor where it was.
 *
 * What a record refers to may be missing here:
 * - a document this project does not have: the record is left out and its
 *   hash reported, so the caller can fetch the document and pull its records
 *   again (GET /v1/pull?document=HASH);
 * - a label: it is made with defaults and no version, so the label's own
 *   record, whenever it comes, wins over them;
 * - an entity a span links to: likewise made from the span's text, unless
 *   this project knows the entity was deleted, when the span is left unlinked.
 *
 * Two spans with different uids may claim one place (same document, offsets,
 * label and owner: one person tagging the same thing on two laptops). The
 * project keeps the one with the later clock; if that is the pulled one, the
 * local one is deleted and a tombstone for it pushed, so every laptop ends
 * with the same one.
 *
 * Pulled rows get ids above any the edit history may put back (undo restores
 * rows by id, replacing whatever holds that id), so undoing an older edit here
 * never overwrites someone else's span.
 */
import { randomBytes } from 'node:crypto';
import { ProjectSettings } from '../../shared/api.js';
import { LABELS_THAT_NAME_THINGS, SPARE_LABEL_COLORS } from '../../shared/labels.js';
import { ADJUDICATOR } from '../../shared/model.js';
import { sliceCp } from '../../shared/offsets.js';
import { ownedDocumentKey, SyncRecord, type SyncKind } from '../../shared/sync.js';
import type { Db } from '../store/connection.js';
import { now, statement, writeTransaction } from '../store/statements.js';
import { observeClock, tickHlc } from './clock.js';

export interface ApplyResult {
  /** Records that became the state here. */
  readonly applied: number;
  /** Records no later than the state here (already applied, or lost to a later edit). */
  readonly skipped: number;
  /** Hashes of documents this project lacks; their records were left out. */
  readonly missingDocuments: readonly string[];
  /** Records that cannot be applied here (offsets beyond the document's end, a setting this version does not share, a malformed record). */
  readonly refused: number;
}

type Outcome = 'applied' | 'skipped' | 'missing-document' | 'refused';

/** Shared things first, so the spans and marks after them find what they refer to. */
const KIND_ORDER: Readonly<Record<SyncKind, number>> = { label: 0, annotator: 1, setting: 2, entity: 3, span: 4, assignment: 5, progress: 6 };
/** Kinds whose changes by others are listed for the member ("changed by others since your last sync"). */
const SHARED_DECISIONS: ReadonlySet<SyncKind> = new Set(['label', 'entity', 'setting', 'annotator', 'assignment']);

interface DocumentRef {
  readonly id: number;
  readonly length_cp: number;
}

type RecordOf<K extends SyncKind> = Extract<SyncRecord, { kind: K }>;

/** The statements applying runs for every record, each by an index (see the sync query-plan test). */
export const DOCUMENTS_BY_HASH_SQL = 'SELECT id, length_cp, content_hash FROM documents WHERE content_hash IN (SELECT value FROM json_each(?))';
export const VERSION_SQL = 'SELECT hlc FROM sync_versions WHERE kind = ? AND key = ?';
export const SPAN_BY_UID_SQL = 'SELECT id FROM spans WHERE uid = ?';
export const ENTITY_BY_UID_SQL = 'SELECT id FROM entities WHERE uid = ?';
/** The span holding a place (document, offsets, label, annotator): the unique index's five columns. */
export const SPAN_AT_PLACE_SQL = 'SELECT id, uid, annotator FROM spans WHERE document_id = ? AND start_cp = ? AND end_cp = ? AND label = ? AND annotator = ?';

function changeId(): string {
  return Date.now().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
}

class Applier {
  private readonly documents = new Map<string, DocumentRef>();
  private readonly labels: Set<string>;
  private nextSpanId: number | undefined;
  private nextEntityId: number | undefined;

  constructor(
    private readonly db: Db,
    records: readonly SyncRecord[],
  ) {
    const hashes = [...new Set(records.flatMap((record) => (record.document === null ? [] : [record.document])))];
    for (let at = 0; at < hashes.length; at += 5000) {
      const rows = statement(db, DOCUMENTS_BY_HASH_SQL).all(
        JSON.stringify(hashes.slice(at, at + 5000)),
      ) as (DocumentRef & { content_hash: string })[];
      for (const row of rows) this.documents.set(row.content_hash, { id: row.id, length_cp: row.length_cp });
    }
    this.labels = new Set(statement(db, 'SELECT name FROM labels').pluck().all() as string[]);
  }

  version(kind: SyncKind, key: string): string | undefined {
    return statement(this.db, VERSION_SQL).pluck().get(kind, key) as string | undefined;
  }

  setVersion(kind: SyncKind, key: string, hlc: string): void {
    statement(this.db, 'INSERT INTO sync_versions (kind, key, hlc) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET hlc = excluded.hlc').run(kind, key, hlc);
  }

  /** A change here that lost to the record just applied would only be superseded at the server. */
  dropPending(kind: SyncKind, key: string): void {
    statement(this.db, 'DELETE FROM sync_outbox WHERE kind = ? AND key = ?').run(kind, key);
  }

  apply(record: SyncRecord): Outcome {
    switch (record.kind) {
      case 'label':
        return this.label(record);
      case 'annotator':
        return this.annotator(record);
      case 'setting':
        return this.setting(record);
      case 'entity':
        return this.entity(record);
      case 'span':
        return this.span(record);
      case 'assignment':
      case 'progress':
        return this.mark(record);
    }
  }

  private label(record: RecordOf<'label'>): Outcome {
    const db = this.db;
    if (record.data === null) {
      // A label still used here stays: spans and entities cannot lose theirs. The spans will come back to the team with it.
      statement(
        db,
        `DELETE FROM labels WHERE name = @name AND NOT EXISTS (SELECT 1 FROM spans WHERE label = @name)
           AND NOT EXISTS (SELECT 1 FROM entities WHERE label = @name) AND NOT EXISTS (SELECT 1 FROM gazetteer WHERE label = @name)`,
      ).run({ name: record.key });
      if (statement(db, 'SELECT 1 FROM labels WHERE name = ?').get(record.key) === undefined) this.labels.delete(record.key);
      return 'applied';
    }
    let shortcutKey = record.data.shortcutKey;
    if (shortcutKey !== null) {
      // Two labels given one key on two laptops: the later edit keeps it, everywhere.
      const holder = statement(db, 'SELECT name FROM labels WHERE shortcut_key = ? AND name <> ?').pluck().get(shortcutKey, record.key) as string | undefined;
      if (holder !== undefined) {
        const held = this.version('label', holder);
        if (held === undefined || record.hlc > held) statement(db, 'UPDATE labels SET shortcut_key = NULL WHERE name = ?').run(holder);
        else shortcutKey = null;
      }
    }
    statement(
      db,
      `INSERT INTO labels (name, display_name, color, shortcut_key, position, names_things) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, color = excluded.color, shortcut_key = excluded.shortcut_key,
         position = excluded.position, names_things = excluded.names_things`,
    ).run(record.key, record.data.displayName, record.data.color, shortcutKey, record.data.position, record.data.namesThings ? 1 : 0);
    this.labels.add(record.key);
    return 'applied';
  }

  /** A label something pulled uses but this project lacks: defaults, and no version, so its own record wins over them. */
  ensureLabel(name: string, namesThings: boolean): void {
    if (this.labels.has(name)) return;
    const count = statement(this.db, 'SELECT count(*) FROM labels').pluck().get() as number;
    statement(
      this.db,
      `INSERT INTO labels (name, display_name, color, shortcut_key, position, names_things)
       VALUES (?, ?, ?, NULL, (SELECT coalesce(max(position), -1) + 1 FROM labels), ?) ON CONFLICT (name) DO NOTHING`,
    ).run(name, name, SPARE_LABEL_COLORS[count % SPARE_LABEL_COLORS.length], namesThings || LABELS_THAT_NAME_THINGS.includes(name) ? 1 : 0);
    this.labels.add(name);
  }

  private annotator(record: RecordOf<'annotator'>): Outcome {
    if (record.data === null) {
      statement(this.db, 'DELETE FROM annotators WHERE name = ?').run(record.key);
      return 'applied';
    }
    if (record.key === ADJUDICATOR) return 'refused';
    statement(
      this.db,
      `INSERT INTO annotators (name, color, position, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET color = excluded.color, position = excluded.position`,
    ).run(record.key, record.data.color, record.data.position, now());
    return 'applied';
  }

  private setting(record: RecordOf<'setting'>): Outcome {
    if (record.key !== 'blindAnnotation') return 'refused';
    if (record.data === null) {
      statement(this.db, 'DELETE FROM project_settings WHERE key = ?').run(record.key);
      return 'applied';
    }
    const value = ProjectSettings.shape.blindAnnotation.safeParse(record.data.value);
    if (!value.success) return 'refused';
    statement(
      this.db,
      `INSERT INTO project_settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(record.key, JSON.stringify(value.data), now());
    return 'applied';
  }

  private entityId(uid: string): number | undefined {
    return statement(this.db, ENTITY_BY_UID_SQL).pluck().get(uid) as number | undefined;
  }

  private allocateEntityId(): number {
    this.nextEntityId ??=
      (statement(
        this.db,
        `SELECT max((SELECT entity_id_floor FROM sync_state), coalesce((SELECT max(id) FROM entities), 0),
           coalesce((SELECT max(id) FROM sync_entity_uids), 0))`,
      )
        .pluck()
        .get() as number) + 1;
    return this.nextEntityId++;
  }

  private insertEntity(uid: string, name: string, label: string, aliases: readonly string[]): number {
    const id = this.allocateEntityId();
    statement(this.db, 'INSERT INTO entities (id, uid, name, label, aliases) VALUES (?, ?, ?, ?, ?)').run(id, uid, name, label, JSON.stringify(aliases));
    return id;
  }

  private entity(record: RecordOf<'entity'>): Outcome {
    if (record.data === null) {
      // Its mentions here are unlinked by the foreign key, as they were where it was deleted.
      statement(this.db, 'DELETE FROM entities WHERE uid = ?').run(record.key);
      return 'applied';
    }
    this.ensureLabel(record.data.label, true);
    const id = this.entityId(record.key);
    if (id === undefined) this.insertEntity(record.key, record.data.name, record.data.label, record.data.aliases);
    else {
      statement(this.db, 'UPDATE entities SET name = ?, label = ?, aliases = ? WHERE id = ?').run(
        record.data.name,
        record.data.label,
        JSON.stringify(record.data.aliases),
        id,
      );
    }
    return 'applied';
  }

  /** The local id of the entity a pulled span links to, made from the span's text when it has not arrived yet. */
  private linkedEntity(uid: string | null, label: string, documentId: number, startCp: number, endCp: number): number | null {
    if (uid === null) return null;
    const id = this.entityId(uid);
    if (id !== undefined) return id;
    if (this.version('entity', uid) !== undefined) return null;
    const text = statement(this.db, 'SELECT text FROM documents WHERE id = ?').pluck().get(documentId) as string;
    this.ensureLabel(label, true);
    return this.insertEntity(uid, sliceCp(text, startCp, endCp).trim() || label, label, []);
  }

  private allocateSpanId(): number {
    this.nextSpanId ??=
      (statement(
        this.db,
        'SELECT max((SELECT span_id_floor FROM sync_state), coalesce((SELECT max(id) FROM spans), 0))',
      )
        .pluck()
        .get() as number) + 1;
    return this.nextSpanId++;
  }

  private span(record: RecordOf<'span'>): Outcome {
    const db = this.db;
    if (record.data === null) {
      statement(db, 'DELETE FROM spans WHERE uid = ?').run(record.key);
      return 'applied';
    }
    const document = this.documents.get(record.document);
    if (document === undefined) return 'missing-document';
    const data = record.data;
    if (data.endCp <= data.startCp || data.endCp > document.length_cp) return 'refused';
    this.ensureLabel(data.label, data.entity !== null);
    const existing = statement(db, SPAN_BY_UID_SQL).pluck().get(record.key) as number | undefined;
    const holder = statement(db, SPAN_AT_PLACE_SQL).get(document.id, data.startCp, data.endCp, data.label, record.owner) as { id: number; uid: string; annotator: string } | undefined;
    if (holder !== undefined && holder.uid !== record.key) {
      const held = this.version('span', holder.uid);
      if (held !== undefined && held > record.hlc) {
        // The span here holds the place with a later edit: this one is gone, on every laptop that meets both.
        if (existing !== undefined) statement(db, 'DELETE FROM spans WHERE id = ?').run(existing);
        return 'skipped';
      }
      statement(db, 'DELETE FROM spans WHERE id = ?').run(holder.id);
      this.pushTombstone(holder.uid, holder.annotator, record.document);
    }
    const entityId = this.linkedEntity(data.entity, data.label, document.id, data.startCp, data.endCp);
    const values = [
      document.id,
      data.startCp,
      data.endCp,
      data.label,
      record.owner,
      data.status,
      entityId,
      data.value === null || data.value === undefined ? null : JSON.stringify(data.value),
      data.note,
      data.createdAt,
      data.updatedAt,
    ];
    if (existing === undefined) {
      statement(
        db,
        `INSERT INTO spans (id, uid, document_id, start_cp, end_cp, label, annotator, status, entity_id, value, note, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(this.allocateSpanId(), record.key, ...values);
    } else {
      statement(
        db,
        `UPDATE spans SET document_id = ?, start_cp = ?, end_cp = ?, label = ?, annotator = ?, status = ?, entity_id = ?, value = ?, note = ?,
           created_at = ?, updated_at = ? WHERE id = ?`,
      ).run(...values, existing);
    }
    return 'applied';
  }

  /** Deleting a span the team has, while the triggers note nothing: its tombstone goes in the outbox by hand. */
  private pushTombstone(uid: string, annotator: string, document: string): void {
    const hlc = tickHlc(this.db);
    const owner = annotator === '' ? (statement(this.db, 'SELECT member FROM sync_state').pluck().get() as string | null) : annotator;
    statement(
      this.db,
      `INSERT INTO sync_outbox (change_id, kind, key, owner, document, hlc, made_at) VALUES (?, 'span', ?, ?, ?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET change_id = excluded.change_id, owner = excluded.owner, document = excluded.document,
         hlc = excluded.hlc, made_at = excluded.made_at, unsendable = NULL`,
    ).run(changeId(), uid, owner, document, hlc, now());
    this.setVersion('span', uid, hlc);
  }

  private mark(record: RecordOf<'assignment'> | RecordOf<'progress'>): Outcome {
    if (record.key !== ownedDocumentKey(record.owner, record.document)) return 'refused';
    const document = this.documents.get(record.document);
    if (document === undefined) return record.data === null ? 'applied' : 'missing-document';
    const [table, column, at] =
      record.kind === 'assignment'
        ? (['assignments', 'assigned_at', record.data?.assignedAt] as const)
        : (['document_progress', 'done_at', record.data?.doneAt] as const);
    if (at === undefined) statement(this.db, `DELETE FROM ${table} WHERE annotator = ? AND document_id = ?`).run(record.owner, document.id);
    else {
      statement(
        this.db,
        `INSERT INTO ${table} (annotator, document_id, ${column}) VALUES (?, ?, ?)
         ON CONFLICT (annotator, document_id) DO UPDATE SET ${column} = excluded.${column}`,
      ).run(record.owner, document.id, at);
    }
    return 'applied';
  }

  /** Whether the thing a shared decision is about is here before the record is applied. */
  exists(record: SyncRecord): boolean {
    const db = this.db;
    switch (record.kind) {
      case 'label':
        return this.labels.has(record.key);
      case 'annotator':
        return statement(db, 'SELECT 1 FROM annotators WHERE name = ?').get(record.key) !== undefined;
      case 'entity':
        return this.entityId(record.key) !== undefined;
      case 'setting':
        return statement(db, 'SELECT 1 FROM project_settings WHERE key = ?').get(record.key) !== undefined;
      case 'assignment': {
        const document = this.documents.get(record.document);
        return document !== undefined && statement(db, 'SELECT 1 FROM assignments WHERE annotator = ? AND document_id = ?').get(record.owner, document.id) !== undefined;
      }
      default:
        return false;
    }
  }

  /** Lists a shared decision someone else changed. */
  noteIncoming(record: SyncRecord, author: string, known: boolean): void {
    statement(this.db, 'DELETE FROM sync_incoming WHERE kind = ? AND key = ?').run(record.kind, record.key);
    statement(this.db, 'INSERT INTO sync_incoming (kind, key, author, hlc, changed_at, summary) VALUES (?, ?, ?, ?, ?, ?)').run(
      record.kind,
      record.key,
      author,
      record.hlc,
      record.changedAt ?? now(),
      this.summary(record, known),
    );
  }

  private summary(record: SyncRecord, known: boolean): string {
    const verb = record.data === null ? 'removed' : known ? 'changed' : 'added';
    switch (record.kind) {
      case 'label':
        return `Label ${record.data?.displayName ?? record.key} ${verb}`;
      case 'annotator':
        return `Annotator ${record.key} ${verb}`;
      case 'entity': {
        const name = record.data?.name ?? (statement(this.db, 'SELECT name FROM entities WHERE uid = ?').pluck().get(record.key) as string | undefined);
        return `Entity ${name ?? record.key} ${verb}`;
      }
      case 'setting':
        return record.data === null ? 'Blind annotation back to its default' : `Blind annotation set to ${JSON.stringify(record.data.value)}`;
      case 'assignment': {
        const documentId = this.documents.get(record.document)?.id;
        const title = documentId === undefined ? record.document.slice(0, 12) : (statement(this.db, 'SELECT title FROM documents WHERE id = ?').pluck().get(documentId) as string);
        return record.data === null ? `${title} taken back from ${record.owner}` : `${title} given to ${record.owner}`;
      }
      default:
        return `${record.kind} ${record.key} ${verb}`;
    }
  }
}

/**
 * Applies a page of pulled records in one transaction and moves the pull
 * cursor to `nextCursor` (null leaves it: a page pulled for one document).
 * The clock moves past the latest clock of the page first (the receive rule),
 * so an edit made here afterwards orders after everything pulled.
 */
export function applyPulled(db: Db, records: readonly SyncRecord[], nextCursor: number | null): ApplyResult {
  return writeTransaction(db, () => {
    statement(db, 'UPDATE sync_state SET applying = 1').run();
    const member = statement(db, 'SELECT member FROM sync_state').pluck().get() as string | null;
    let refused = 0;
    const valid: SyncRecord[] = [];
    for (const record of records) {
      const parsed = SyncRecord.safeParse(record);
      if (parsed.success) valid.push(parsed.data);
      else refused++;
    }
    const latest = valid.reduce<string | null>((max, record) => (max === null || record.hlc > max ? record.hlc : max), null);
    if (latest !== null) observeClock(db, latest);
    const applier = new Applier(db, valid);
    const ordered = valid.map((record, index) => ({ record, index })).sort((a, b) => KIND_ORDER[a.record.kind] - KIND_ORDER[b.record.kind] || a.index - b.index);
    let applied = 0;
    let skipped = 0;
    const missing = new Set<string>();
    for (const { record } of ordered) {
      const version = applier.version(record.kind, record.key);
      if (version !== undefined && record.hlc <= version) {
        skipped++;
        continue;
      }
      const listed = record.author !== undefined && record.author !== member && SHARED_DECISIONS.has(record.kind);
      const existed = listed && applier.exists(record);
      const outcome = applier.apply(record);
      if (outcome === 'missing-document') {
        missing.add(record.document as string);
        continue;
      }
      if (outcome === 'refused') {
        refused++;
        continue;
      }
      applier.setVersion(record.kind, record.key, record.hlc);
      applier.dropPending(record.kind, record.key);
      if (outcome === 'skipped') skipped++;
      else {
        applied++;
        if (listed) applier.noteIncoming(record, record.author as string, existed);
      }
    }
    if (nextCursor !== null) statement(db, 'UPDATE sync_state SET pull_cursor = ?').run(nextCursor);
    statement(db, 'UPDATE sync_state SET applying = 0').run();
    return { applied, skipped, missingDocuments: [...missing], refused };
  })();
}
