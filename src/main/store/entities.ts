import type { Entity } from '../../shared/model.js';
import { OffsetMap } from '../../shared/offsets.js';
import type { Db } from './connection.js';
import type { SpanRow } from './spans.js';
import { statement } from './statements.js';

/** An entities row exactly as stored; the edit history keeps these to undo and redo. */
export interface EntityRow {
  id: number;
  name: string;
  label: string;
  /** A JSON array of strings. */
  aliases: string;
}

/** The shared form of a stored row. */
export function toEntity(row: EntityRow): Entity {
  return { id: row.id, name: row.name, label: row.label, aliases: JSON.parse(row.aliases) as string[] };
}

/** The stored row of one entity, or undefined. */
export function entityRow(db: Db, id: number): EntityRow | undefined {
  return statement(db, 'SELECT id, name, label, aliases FROM entities WHERE id = ?').get(id) as EntityRow | undefined;
}

/** Reads the entities of a label with one name: parameters are the label and the name. */
export const ENTITIES_NAMED_SQL = 'SELECT id, name, label, aliases FROM entities WHERE label = ? AND name = ?';

/** Entities of a label with exactly this name (names are not unique, but a second one by mistake is refused). */
export function entitiesNamed(db: Db, label: string, name: string): EntityRow[] {
  return statement(db, ENTITIES_NAMED_SQL).all(label, name) as EntityRow[];
}

/** Adds an entity and returns its row. */
export function insertEntityRow(db: Db, entity: { readonly name: string; readonly label: string; readonly aliases: readonly string[] }): EntityRow {
  return statement(db, 'INSERT INTO entities (name, label, aliases) VALUES (?, ?, ?) RETURNING id, name, label, aliases').get(
    entity.name,
    entity.label,
    JSON.stringify(entity.aliases),
  ) as EntityRow;
}

/** Changes an entity's name and aliases, returning the row after the change. */
export function updateEntityRow(db: Db, id: number, change: { readonly name: string; readonly aliases: readonly string[] }): EntityRow {
  return statement(db, 'UPDATE entities SET name = ?, aliases = ? WHERE id = ? RETURNING id, name, label, aliases').get(
    change.name,
    JSON.stringify(change.aliases),
    id,
  ) as EntityRow;
}

/**
 * Puts a row back exactly as it was, with the same id. An upsert, not INSERT OR
 * REPLACE: replacing deletes the old row first, and spans.entity_id's ON DELETE
 * SET NULL would unlink every mention.
 */
export function restoreEntityRow(db: Db, row: EntityRow): void {
  statement(
    db,
    `INSERT INTO entities (id, name, label, aliases) VALUES (@id, @name, @label, @aliases)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, label = excluded.label, aliases = excluded.aliases`,
  ).run(row);
}

/** Removes one entity; its mentions, if any are left, are unlinked by the foreign key. */
export function deleteEntityRow(db: Db, id: number): void {
  statement(db, 'DELETE FROM entities WHERE id = ?').run(id);
}

/** An entity with how often and where it is mentioned. */
export interface EntitySummaryRow extends Entity {
  readonly mentions: number;
  readonly documents: number;
}

interface SummaryRow extends EntityRow {
  mentions: number;
  documents: number;
}

function toSummary(row: SummaryRow): EntitySummaryRow {
  return { ...toEntity(row), mentions: row.mentions, documents: row.documents };
}

/** An entity with its counts, before WHERE: grouped by entity, its spans come through spans_by_entity. */
export const ENTITY_SUMMARY_SELECT = `SELECT e.id, e.name, e.label, e.aliases,
    count(s.id) AS mentions, count(DISTINCT s.document_id) AS documents
  FROM entities e LEFT JOIN spans s ON s.entity_id = e.id`;

/** One entity with its counts, or undefined. */
export function entitySummary(db: Db, id: number): EntitySummaryRow | undefined {
  const row = statement(db, `${ENTITY_SUMMARY_SELECT} WHERE e.id = ? GROUP BY e.id`).get(id) as SummaryRow | undefined;
  return row && toSummary(row);
}

export interface EntityListQuery {
  readonly label?: string;
  /** Part of the name or of an alias, case-insensitive for ASCII letters. */
  readonly query?: string;
  readonly offset: number;
  readonly limit: number;
}

function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The statements of one page of entities and the parameters both take first (the page then takes limit and offset). */
export interface EntityListSql {
  readonly total: string;
  readonly page: string;
  readonly params: readonly unknown[];
}

/** The statements entityListPage runs for these filters. */
export function entityListSql(input: Omit<EntityListQuery, 'offset' | 'limit'>): EntityListSql {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.label !== undefined) {
    where.push('e.label = ?');
    params.push(input.label);
  }
  const query = input.query?.trim();
  if (query) {
    where.push("(e.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(e.aliases) a WHERE a.value LIKE ? ESCAPE '\\'))");
    params.push(likePattern(query), likePattern(query));
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    total: `SELECT count(*) AS n FROM entities e ${filter}`,
    page: `${ENTITY_SUMMARY_SELECT} ${filter} GROUP BY e.id ORDER BY mentions DESC, e.name COLLATE NOCASE, e.id LIMIT ? OFFSET ?`,
    params,
  };
}

/** One page of entities, most mentioned first, with the total that match. */
export function entityListPage(db: Db, input: EntityListQuery): { total: number; items: EntitySummaryRow[] } {
  const sql = entityListSql(input);
  const total = (statement(db, sql.total).get(...sql.params) as { n: number }).n;
  const rows = statement(db, sql.page).all(...sql.params, input.limit, input.offset) as SummaryRow[];
  return { total, items: rows.map(toSummary) };
}

/** Reads an entity's spans: the parameter is the entity. */
export const MENTION_ROWS_SQL = 'SELECT * FROM spans WHERE entity_id = ? ORDER BY id';

/** The stored rows of an entity's mentions, to move them and record how they were. */
export function mentionRows(db: Db, entityId: number): SpanRow[] {
  return statement(db, MENTION_ROWS_SQL).all(entityId) as SpanRow[];
}

/** A span linked to an entity, with its document's title and its text. */
export interface EntityMentionRow {
  readonly spanId: number;
  readonly documentId: number;
  readonly documentTitle: string;
  readonly startCp: number;
  readonly endCp: number;
  readonly text: string;
}

/** Reads where an entity is mentioned, in reading order: the parameter is the entity. */
export const ENTITY_MENTIONS_SQL = 'SELECT id, document_id, start_cp, end_cp FROM spans WHERE entity_id = ? ORDER BY document_id, start_cp, id';

/** Every mention of an entity in reading order; each document's text is read once. */
export function entityMentions(db: Db, entityId: number): EntityMentionRow[] {
  const spans = statement(db, ENTITY_MENTIONS_SQL).raw(true).all(entityId) as [number, number, number, number][];
  const mentions: EntityMentionRow[] = [];
  let current: { id: number; title: string; offsets: OffsetMap } | undefined;
  for (const [spanId, documentId, startCp, endCp] of spans) {
    if (current?.id !== documentId) {
      const doc = statement(db, 'SELECT title, text FROM documents WHERE id = ?').get(documentId) as { title: string; text: string };
      current = { id: documentId, title: doc.title, offsets: new OffsetMap(doc.text) };
    }
    mentions.push({ spanId, documentId, documentTitle: current.title, startCp, endCp, text: current.offsets.sliceCp(startCp, endCp) });
  }
  return mentions;
}

/** Entities of the given labels (all when omitted), for link suggestions. */
export function entitiesForLinking(db: Db, labels?: readonly string[]): Entity[] {
  const rows = labels
    ? (statement(db, 'SELECT id, name, label, aliases FROM entities WHERE label IN (SELECT value FROM json_each(?)) ORDER BY id').all(
        JSON.stringify(labels),
      ) as EntityRow[])
    : (statement(db, 'SELECT id, name, label, aliases FROM entities ORDER BY id').all() as EntityRow[]);
  return rows.map(toEntity);
}

/** An accepted span as link suggestions read it: id, document, offsets, label, entity. */
export type LinkingSpanRow = readonly [id: number, documentId: number, startCp: number, endCp: number, label: string, entityId: number | null];

/**
 * Accepted spans of the given labels (all when omitted), grouped by document:
 * the suggestion pass reads every one of them. SQLite packs each document's
 * spans into one JSON array, which reads about three times faster than a row
 * per span; each array stays text (a few bytes a span) until the pass reaches
 * its document (parseLinkingSpans), so a project's spans are never all objects at once.
 */
export function acceptedSpansByDocument(db: Db, labels?: readonly string[]): Map<number, string> {
  const sql = `SELECT document_id, json_group_array(json_array(id, document_id, start_cp, end_cp, label, entity_id)) FROM spans
    WHERE status = 'accepted'${labels ? ' AND label IN (SELECT value FROM json_each(?))' : ''}
    GROUP BY document_id`;
  const rows = (labels ? statement(db, sql).raw(true).all(JSON.stringify(labels)) : statement(db, sql).raw(true).all()) as [number, string][];
  return new Map(rows);
}

/** One document's spans as acceptedSpansByDocument packed them. */
export function parseLinkingSpans(packed: string): LinkingSpanRow[] {
  return JSON.parse(packed) as LinkingSpanRow[];
}

/** Title and text of the given documents, one row at a time in id order. */
export function* documentTexts(db: Db, ids: readonly number[]): Generator<{ id: number; title: string; text: string }> {
  const sorted = [...ids].sort((a, b) => a - b);
  // Batches keep the statement's JSON argument small and never hold all texts at once.
  for (let at = 0; at < sorted.length; at += 500) {
    const batch = sorted.slice(at, at + 500);
    const rows = statement(db, 'SELECT id, title, text FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(
      JSON.stringify(batch),
    ) as { id: number; title: string; text: string }[];
    yield* rows;
  }
}

/** Spans the person reviewing rejected for each suggestion key. */
export function rejectedSuggestionSpans(db: Db): Map<string, Set<number>> {
  const rows = statement(db, 'SELECT suggestion_key, span_id FROM entity_suggestion_rejections').raw(true).all() as [string, number][];
  const byKey = new Map<string, Set<number>>();
  for (const [key, spanId] of rows) {
    const set = byKey.get(key);
    if (set) set.add(spanId);
    else byKey.set(key, new Set([spanId]));
  }
  return byKey;
}

/** Remembers that these spans were rejected for this suggestion key. */
export function rejectSuggestionSpans(db: Db, key: string, spanIds: readonly number[], at: string): void {
  const insert = statement(db, 'INSERT OR IGNORE INTO entity_suggestion_rejections (suggestion_key, span_id, rejected_at) VALUES (?, ?, ?)');
  for (const spanId of spanIds) insert.run(key, spanId, at);
}

/**
 * The id of the entity named `name` under `label`, created when the project has
 * none; aliases given that the entity lacks are added. Imports match entities by
 * name because ids belong to the exporting project.
 */
export function ensureEntity(db: Db, label: string, entity: { readonly name: string; readonly aliases: readonly string[] }): number {
  return findOrAddEntity(db, label, entity).id;
}

/** ensureEntity, saying whether the entity was new. */
export function findOrAddEntity(
  db: Db,
  label: string,
  entity: { readonly name: string; readonly aliases: readonly string[] },
): { readonly id: number; readonly created: boolean } {
  const aliases = [...new Set(entity.aliases.filter((alias) => alias !== entity.name))];
  const found = entitiesNamed(db, label, entity.name)[0];
  if (!found) return { id: insertEntityRow(db, { name: entity.name, label, aliases }).id, created: true };
  const known = JSON.parse(found.aliases) as string[];
  const added = aliases.filter((alias) => !known.includes(alias));
  if (added.length > 0) updateEntityRow(db, found.id, { name: found.name, aliases: [...known, ...added] });
  return { id: found.id, created: false };
}

/** Removes an entity no span mentions any more; true when it was removed. */
export function removeUnmentionedEntity(db: Db, id: number): boolean {
  return statement(db, 'DELETE FROM entities WHERE id = @id AND NOT EXISTS (SELECT 1 FROM spans WHERE entity_id = @id)').run({ id }).changes > 0;
}
