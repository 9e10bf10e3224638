import type { EntitySuggestionDto, EntitySummaryDto } from '../../shared/api.js';
import {
  acceptSuggestions,
  createEntity,
  linkSpans,
  mergeEntities,
  rejectSuggestions,
  splitEntity,
  updateEntity,
} from '../annotate/entity-edits.js';
import { linkSuggestions, type LinkSuggestion } from '../entities/suggestions.js';
import { NotFoundError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { entityListPage, entityMentions, entitySummary } from '../store/entities.js';
import type { HandlerGroup } from './handlers.js';

function mustGetSummary(db: Db, id: number): EntitySummaryDto {
  const summary = entitySummary(db, id);
  if (!summary) throw new NotFoundError(`entity ${id} does not exist`);
  return { ...summary, aliases: [...summary.aliases] };
}

function toDto(suggestion: LinkSuggestion): EntitySuggestionDto {
  const { group: _group, ...rest } = suggestion;
  return { ...rest, spanIds: [...rest.spanIds], surfaces: [...rest.surfaces] };
}

/** Canonical entities: listing, editing, merging, and link suggestions. */
export const entityHandlers: HandlerGroup<'entities'> = {
  'entities:list': ({ db }, input) => {
    const page = entityListPage(db, input);
    return { total: page.total, items: page.items.map((item) => ({ ...item, aliases: [...item.aliases] })) };
  },

  'entities:get': ({ db }, { id }) => ({ ...mustGetSummary(db, id), mentionList: entityMentions(db, id) }),

  'entities:create': ({ db }, input) => mustGetSummary(db, createEntity(db, input)),

  'entities:update': ({ db }, { id, name, aliases }) => {
    updateEntity(db, id, { name, aliases });
    return mustGetSummary(db, id);
  },

  'entities:merge': ({ db }, { targetId, sourceIds }) => {
    mergeEntities(db, targetId, sourceIds);
    return mustGetSummary(db, targetId);
  },

  'entities:split': ({ db }, { id, spanIds, name }) => {
    const created = splitEntity(db, id, spanIds, name);
    return { kept: mustGetSummary(db, id), created: mustGetSummary(db, created) };
  },

  'entities:link': ({ db }, { spanIds, entityId }) => ({ linked: linkSpans(db, spanIds, entityId) }),

  'entities:suggestions': ({ db }, { label, offset, limit }) => {
    const all = linkSuggestions(db, label === undefined ? undefined : [label]);
    return { total: all.length, items: all.slice(offset, offset + limit).map(toDto) };
  },

  'entities:acceptSuggestions': ({ db }, { keys }) => acceptSuggestions(db, keys),

  'entities:rejectSuggestions': ({ db }, { keys }) => ({ rejected: rejectSuggestions(db, keys) }),
};
