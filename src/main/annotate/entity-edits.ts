import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, UserError } from '../errors.js';
import { linkSuggestions, type LinkSuggestion } from '../entities/suggestions.js';
import type { Db } from '../store/connection.js';
import {
  deleteEntityRow,
  entitiesNamed,
  entityRow,
  insertEntityRow,
  mentionRows,
  rejectSuggestionSpans,
  toEntity,
  updateEntityRow,
  type EntityRow,
} from '../store/entities.js';
import { recordEdit, type Change } from '../store/history.js';
import { labelsThatNameThings, listLabels } from '../store/labels.js';
import { setSpanEntity, spanRow, type SpanRow } from '../store/spans.js';
import { now, writeTransaction } from '../store/statements.js';

/**
 * Edits of canonical entities, each one transaction and one undo step. Changes
 * are recorded in an order the foreign key from spans to entities accepts when
 * replayed forwards (redo) and backwards (undo): entities are created before
 * spans link to them and deleted after their spans have moved.
 */

function mustGetEntity(db: Db, id: number): EntityRow {
  const row = entityRow(db, id);
  if (!row) throw new NotFoundError(`entity ${id} does not exist`);
  return row;
}

function checkLabel(db: Db, label: string): void {
  if (!listLabels(db).some((known) => known.name === label)) throw new UserError(`unknown label ${label}`);
}

/** Entities gather names of things: a date or a figure is a value, and "the same entity" means nothing for it. */
function checkNamesThings(db: Db, label: string): void {
  if (!labelsThatNameThings(db).includes(label)) {
    throw new UserError(`${label} does not name things: linking to entities is for labels that name things (mark it so under Labels…)`);
  }
}

function checkNameFree(db: Db, label: string, name: string, exceptId?: number): void {
  const clash = entitiesNamed(db, label, name).find((row) => row.id !== exceptId);
  if (clash) throw new ConflictError(`a ${label} entity named "${name}" already exists (entity ${clash.id})`);
}

/** Aliases without repeats, blanks or the name itself, in the order given. */
function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set<string>([name]);
  const kept: string[] = [];
  for (const alias of aliases.map((value) => value.trim())) {
    if (alias === '' || seen.has(alias)) continue;
    seen.add(alias);
    kept.push(alias);
  }
  return kept;
}

/** The spans to link, checked to exist and, given a target, to carry its label. */
function spansToLink(db: Db, spanIds: readonly number[], target: { readonly label: string; readonly named: string } | null): SpanRow[] {
  const rows: SpanRow[] = [];
  for (const id of new Set(spanIds)) {
    const row = spanRow(db, id);
    if (!row) throw new NotFoundError(`span ${id} does not exist`);
    if (target && row.label !== target.label) {
      throw new UserError(`span ${id} is tagged ${row.label} but ${target.named} is a ${target.label}: only spans of the same label can be linked`);
    }
    rows.push(row);
  }
  return rows;
}

function described(entity: EntityRow): { label: string; named: string } {
  return { label: entity.label, named: `entity ${entity.id} "${entity.name}"` };
}

/** Links spans (already checked) to an entity or unlinks them, returning the changes for the spans that moved. */
function relink(db: Db, rows: readonly SpanRow[], entityId: number | null): Change[] {
  const changes: Change[] = [];
  for (const before of rows) {
    if (before.entity_id === entityId) continue;
    changes.push({ kind: 'span', id: before.id, before, after: setSpanEntity(db, before.id, entityId) });
  }
  return changes;
}

/** The one document the spans of an edit are in, so undo can go back to it; null when they are spread out. */
function documentOf(changes: readonly Change[]): number | null {
  const documents = new Set(changes.flatMap((change) => (change.kind === 'span' ? [(change.after ?? change.before)?.document_id] : [])));
  return documents.size === 1 ? ((documents.values().next().value as number | undefined) ?? null) : null;
}

export interface NewEntity {
  readonly name: string;
  readonly label: string;
  readonly aliases?: readonly string[];
  readonly spanIds?: readonly number[];
}

/** Creates an entity, linking the given spans to it. Returns its id. */
export function createEntity(db: Db, input: NewEntity): number {
  return writeTransaction(db, () => {
    checkLabel(db, input.label);
    checkNamesThings(db, input.label);
    checkNameFree(db, input.label, input.name);
    const rows = spansToLink(db, input.spanIds ?? [], { label: input.label, named: `the new entity "${input.name}"` });
    const after = insertEntityRow(db, { name: input.name, label: input.label, aliases: cleanAliases(input.name, input.aliases ?? []) });
    const changes: Change[] = [{ kind: 'entity', id: after.id, before: null, after }, ...relink(db, rows, after.id)];
    recordEdit(db, `create entity "${after.name}"`, documentOf(changes), changes);
    return after.id;
  })();
}

/** Renames an entity and/or replaces its aliases. */
export function updateEntity(db: Db, id: number, change: { readonly name?: string; readonly aliases?: readonly string[] }): void {
  writeTransaction(db, () => {
    const before = mustGetEntity(db, id);
    const name = change.name ?? before.name;
    if (name !== before.name) checkNameFree(db, before.label, name, id);
    const aliases = cleanAliases(name, change.aliases ?? toEntity(before).aliases);
    if (name === before.name && JSON.stringify(aliases) === before.aliases) return;
    const after = updateEntityRow(db, id, { name, aliases });
    const what = name !== before.name ? `rename entity "${before.name}" → "${name}"` : `edit aliases of "${name}"`;
    recordEdit(db, what, null, [{ kind: 'entity', id, before, after }]);
  })();
}

/**
 * Merges entities into one: every mention of a source moves to the target, the
 * sources' names and aliases become the target's aliases, and the sources go.
 */
export function mergeEntities(db: Db, targetId: number, sourceIds: readonly number[]): void {
  writeTransaction(db, () => {
    const target = mustGetEntity(db, targetId);
    const sources = [...new Set(sourceIds)].map((id) => {
      if (id === targetId) throw new UserError(`entity ${id} cannot be merged into itself`);
      const source = mustGetEntity(db, id);
      if (source.label !== target.label) {
        throw new UserError(`entity ${id} "${source.name}" is a ${source.label} and entity ${targetId} "${target.name}" a ${target.label}: only entities of the same label can be merged`);
      }
      return source;
    });
    const changes: Change[] = [];
    for (const source of sources) {
      changes.push(...relink(db, mentionRows(db, source.id), targetId));
    }
    const aliases = cleanAliases(target.name, [
      ...toEntity(target).aliases,
      ...sources.flatMap((source) => [source.name, ...toEntity(source).aliases]),
    ]);
    changes.push({ kind: 'entity', id: targetId, before: target, after: updateEntityRow(db, targetId, { name: target.name, aliases }) });
    for (const source of sources) {
      deleteEntityRow(db, source.id);
      changes.push({ kind: 'entity', id: source.id, before: source, after: null });
    }
    recordEdit(db, `merge ${sources.length} ${sources.length === 1 ? 'entity' : 'entities'} into "${target.name}"`, null, changes);
  })();
}

/** Moves some mentions of an entity to a new entity; returns the new entity's id. */
export function splitEntity(db: Db, id: number, spanIds: readonly number[], name: string): number {
  return writeTransaction(db, () => {
    const entity = mustGetEntity(db, id);
    checkNameFree(db, entity.label, name);
    const rows = spansToLink(db, spanIds, null);
    const stranger = rows.find((row) => row.entity_id !== id);
    if (stranger) throw new UserError(`span ${stranger.id} is not a mention of entity ${id} "${entity.name}"`);
    const created = insertEntityRow(db, { name, label: entity.label, aliases: [] });
    const changes: Change[] = [{ kind: 'entity', id: created.id, before: null, after: created }, ...relink(db, rows, created.id)];
    recordEdit(db, `split ${rows.length} ${rows.length === 1 ? 'mention' : 'mentions'} of "${entity.name}" into "${name}"`, documentOf(changes), changes);
    return created.id;
  })();
}

/** Links spans to an entity, or unlinks them with null. Returns how many spans changed. */
export function linkSpans(db: Db, spanIds: readonly number[], entityId: number | null): number {
  return writeTransaction(db, () => {
    const entity = entityId === null ? null : mustGetEntity(db, entityId);
    if (entity) checkNamesThings(db, entity.label);
    const changes = relink(db, spansToLink(db, spanIds, entity && described(entity)), entityId);
    const count = `${changes.length} ${changes.length === 1 ? 'span' : 'spans'}`;
    recordEdit(db, entity ? `link ${count} to "${entity.name}"` : `unlink ${count}`, documentOf(changes), changes);
    return changes.length;
  })();
}

/** The suggestions named by `keys`, all of them or a clear error before anything is written. */
function suggestionsByKey(db: Db, keys: readonly string[]): LinkSuggestion[] {
  // A key is "reason:LABEL:…" and labels have no colon: only those labels need computing.
  const labels = [...new Set(keys.map((key) => key.split(':')[1] ?? ''))];
  const byKey = new Map(linkSuggestions(db, labels).map((suggestion) => [suggestion.key, suggestion]));
  const missing = keys.filter((key) => !byKey.has(key));
  if (missing.length > 0) {
    const shown = missing.slice(0, 3).map((key) => `"${key}"`).join(', ');
    throw new NotFoundError(
      `no link suggestion ${shown}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}: it may have been accepted or rejected already, or its spans changed`,
    );
  }
  return [...new Set(keys)].map((key) => byKey.get(key) as LinkSuggestion);
}

/** Changes per edit row when accepting suggestions: a project-wide accept links a hundred thousand spans, and one row would hold them all as one JSON string. */
const ACCEPT_PIECE = 5_000;

/**
 * Accepts suggestions as one undo step. Suggestions of one group that create an
 * entity create it once; spans already linked where they should be are left alone.
 * A large accept is written as a batch of edits that undo together, a piece at
 * a time, so memory holds one piece of span rows, not all of them.
 */
export function acceptSuggestions(db: Db, keys: readonly string[]): { linked: number; created: number } {
  return writeTransaction(db, () => {
    const chosen = suggestionsByKey(db, keys);
    const what = chosen.length === 1 ? `accept link suggestion (${chosen[0]?.reason ?? ''})` : `accept ${chosen.length} link suggestions`;
    const batch = `accept-links-${randomUUID()}`;
    const createdFor = new Map<string, number>();
    let pending: Change[] = [];
    let pieces = 0;
    let linked = 0;
    let created = 0;
    const flush = (): void => {
      recordEdit(db, what, null, pending, batch);
      pieces += 1;
      pending = [];
    };
    for (const suggestion of chosen) {
      let entityId = suggestion.entityId ?? createdFor.get(suggestion.group);
      if (entityId === undefined) {
        const existing = entitiesNamed(db, suggestion.label, suggestion.name)[0];
        if (existing) entityId = existing.id;
        else {
          const after = insertEntityRow(db, { name: suggestion.name, label: suggestion.label, aliases: [] });
          pending.push({ kind: 'entity', id: after.id, before: null, after });
          created += 1;
          entityId = after.id;
        }
        createdFor.set(suggestion.group, entityId);
      }
      for (let at = 0; at < suggestion.spanIds.length; at += ACCEPT_PIECE) {
        const rows = suggestion.spanIds.slice(at, at + ACCEPT_PIECE).map((id) => spanRow(db, id) as SpanRow);
        const moved = relink(db, rows, entityId);
        linked += moved.length;
        for (const change of moved) pending.push(change);
        if (pending.length >= ACCEPT_PIECE) flush();
      }
    }
    // Most accepts fit one edit, which names the document it was in, as any edit does.
    if (pieces === 0) recordEdit(db, what, documentOf(pending), pending);
    else if (pending.length > 0) flush();
    return { linked, created };
  })();
}

/** Rejects suggestions: their spans are not suggested for the same key again. Returns how many were rejected. */
export function rejectSuggestions(db: Db, keys: readonly string[]): number {
  return writeTransaction(db, () => {
    const chosen = suggestionsByKey(db, keys);
    const at = now();
    for (const suggestion of chosen) rejectSuggestionSpans(db, suggestion.key, suggestion.spanIds, at);
    return chosen.length;
  })();
}
