/**
 * What the Entities view and the side panel's entity section do: link spans to
 * entities, create, rename, merge and split entities, and decide suggestions.
 * Every one of these is a single undoable edit on the Node side.
 */
import type { EntitySummaryDto } from '../../../shared/api.js';
import { call } from '../../api-client.js';
import { ENTITY_SEARCH_ID } from '../../components/element-ids.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useEntitiesStore, useEntityList } from '../../stores/entities-store.js';
import { useEntityNamesStore } from '../../stores/entity-names-store.js';
import { useSuggestionsStore } from '../../stores/suggestions-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { plural } from '../duplicates/cluster-names.js';
import { edited, openDocumentAt } from '../workbench/commands.js';
import { showEntitiesView } from '../workbench/views.js';

const ui = (): ReturnType<typeof useUiStore.getState> => useUiStore.getState();
const docs = (): ReturnType<typeof useDocumentStore.getState> => useDocumentStore.getState();
const entities = (): ReturnType<typeof useEntitiesStore.getState> => useEntitiesStore.getState();
const list = (): ReturnType<typeof useEntityList.getState> => useEntityList.getState();

/** The list, the entity on show, suggestions and the open document may all show what an entity edit changed. */
async function afterEntityEdit(options: { readonly spanIds?: readonly number[]; readonly entityIds?: readonly number[]; readonly namesChanged?: boolean }): Promise<void> {
  edited();
  if (options.namesChanged) useEntityNamesStore.getState().forgetAll();
  const doc = docs().doc;
  const spanIds = new Set(options.spanIds ?? []);
  const entityIds = new Set(options.entityIds ?? []);
  const touchesDoc = doc !== null && doc.spans.some((span) => spanIds.has(span.id) || (span.entityId !== null && entityIds.has(span.entityId)));
  const work: Promise<void>[] = [];
  if (list().loaded) work.push(list().refresh());
  if (useSuggestionsStore.getState().loaded) work.push(useSuggestionsStore.getState().reload());
  if (touchesDoc) work.push(docs().reload());
  await Promise.all(work);
}

/** Links span `spanId` of the open document to `entity` (or unlinks it, with null). */
export async function linkSpan(spanId: number, entity: EntitySummaryDto | null): Promise<void> {
  const span = docs().doc?.spans.find((s) => s.id === spanId);
  if (!span) return;
  const result = await ui().track(entity ? `Linking to ${entity.name}…` : 'Unlinking…', call('entities:link', { spanIds: [spanId], entityId: entity?.id ?? null }));
  if (!result) return;
  if (entity) useEntityNamesStore.getState().remember(entity);
  docs().spanSaved({ ...span, entityId: entity?.id ?? null });
  ui().notify(entity ? `Linked to ${entity.name}.` : 'Unlinked from its entity.');
  await afterEntityEdit({ entityIds: [entity?.id, span.entityId].filter((id): id is number => typeof id === 'number') });
  if (entities().currentId !== null) await entities().reloadDetail();
}

/** Creates an entity named `name` with the open document's span `spanId` as its first mention. */
export async function createEntityForSpan(spanId: number, name: string): Promise<void> {
  const span = docs().doc?.spans.find((s) => s.id === spanId);
  const trimmed = name.trim();
  if (!span || trimmed === '') return;
  const entity = await ui().track(`Creating ${trimmed}…`, call('entities:create', { name: trimmed, label: span.label, spanIds: [spanId] }));
  if (!entity) return;
  useEntityNamesStore.getState().remember(entity);
  docs().spanSaved({ ...span, entityId: entity.id });
  ui().notify(`Created ${entity.name} and linked the span to it.`);
  await afterEntityEdit({});
}

/** Renames an entity. */
export async function renameEntity(id: number, name: string): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === '') return;
  const entity = await ui().track('Renaming…', call('entities:update', { id, name: trimmed }));
  if (!entity) return;
  ui().notify(`Renamed to ${entity.name}.`);
  await afterEntityEdit({ namesChanged: true });
  await entities().reloadDetail();
}

/** Replaces an entity's aliases. */
export async function setAliases(id: number, aliases: readonly string[]): Promise<void> {
  const entity = await ui().track('Saving the aliases…', call('entities:update', { id, aliases: [...aliases] }));
  if (!entity) return;
  await afterEntityEdit({});
  await entities().reloadDetail();
}

/** Merges the `sourceIds` entities into `targetId`, which is then shown alone. */
export async function mergeEntities(targetId: number, sourceIds: readonly number[]): Promise<void> {
  const sources = sourceIds.filter((id) => id !== targetId);
  if (sources.length === 0) return;
  const target = await ui().track(`Merging ${plural(sources.length + 1, 'entity', 'entities')}…`, call('entities:merge', { targetId, sourceIds: sources }));
  if (!target) return;
  ui().notify(`Merged into ${target.name}. Undo takes the merge back.`);
  await afterEntityEdit({ entityIds: [targetId, ...sources], namesChanged: true });
  await entities().showOnly(target.id);
}

/** Moves mentions `spanIds` of entity `id` to a new entity named `name`, which is then shown. */
export async function splitEntity(id: number, spanIds: readonly number[], name: string): Promise<void> {
  const trimmed = name.trim();
  if (spanIds.length === 0 || trimmed === '') return;
  const result = await ui().track('Splitting…', call('entities:split', { id, spanIds: [...spanIds], name: trimmed }));
  if (!result) return;
  ui().notify(`Moved ${plural(spanIds.length, 'mention')} to ${result.created.name}.`);
  await afterEntityEdit({ spanIds, namesChanged: true });
  await entities().showOnly(result.created.id);
}

/** Accepts (links or creates) or rejects the suggestions with `keys`. */
export async function decideSuggestions(keys: readonly string[], accept: boolean): Promise<void> {
  if (keys.length === 0) {
    ui().notify('Tick the suggestions to decide first (Space or their checkboxes).');
    return;
  }
  const chosen = useSuggestionsStore.getState().items.filter((item) => keys.includes(item.key));
  if (accept) {
    const result = await ui().track(`Accepting ${plural(keys.length, 'suggestion')}…`, call('entities:acceptSuggestions', { keys: [...keys] }));
    if (!result) return;
    ui().notify(`Linked ${plural(result.linked, 'span')}${result.created > 0 ? `, created ${plural(result.created, 'entity', 'entities')}` : ''}.`);
  } else {
    const result = await ui().track(`Rejecting ${plural(keys.length, 'suggestion')}…`, call('entities:rejectSuggestions', { keys: [...keys] }));
    if (!result) return;
    ui().notify(`Rejected ${plural(result.rejected, 'suggestion')}.`);
  }
  await afterEntityEdit({ spanIds: chosen.flatMap((item) => item.spanIds) });
}

/** Opens a mention's document in the Documents view with the mention selected. */
export async function openMention(mention: { readonly documentId: number; readonly spanId: number }): Promise<void> {
  await openDocumentAt(mention.documentId, { spanId: mention.spanId });
}

/** Shows entity `id` in the Entities view (from the side panel). */
export async function showEntity(id: number): Promise<void> {
  entities().setTab('entities');
  showEntitiesView();
  await entities().showOnly(id);
}

/** Makes the entity `step` rows away current (and the only one selected, unless `extend`). */
export async function moveEntity(step: 1 | -1, extend = false): Promise<void> {
  const { cursor } = entities();
  const target = cursor === null ? 0 : cursor + step;
  if (target < 0 || (list().loaded && target >= list().total)) return;
  const item = await list().itemAt(target);
  if (!item) return;
  if (extend) await entities().include(item, target);
  else await entities().pick(item, target);
}

/** Puts the keyboard in the entity search box. */
export function focusEntitySearch(): void {
  const field = document.getElementById(ENTITY_SEARCH_ID);
  if (field instanceof HTMLElement) field.focus();
}

/** Entities of `label` whose name or alias matches `query` (all of that label when empty), for the side panel's picker. */
export async function findEntities(label: string, query: string, limit: number): Promise<readonly EntitySummaryDto[]> {
  const trimmed = query.trim();
  const page = await call('entities:list', trimmed === '' ? { label, limit } : { label, query: trimmed, limit });
  return page.items;
}
