import { UserError } from '../errors.js';
import { listLabels } from '../store/labels.js';
import { projectSettings, updateProjectSettings } from '../store/settings.js';
import { decideSuggestions } from '../suggest/decide.js';
import { resolveSuggestTargets } from '../suggest/run.js';
import type { Handler, HandlerGroup } from './handlers.js';

/** Accepting or rejecting suggested spans, by id or for a whole document. */
export const decideSpansHandler: Handler<'spans:decide'> = ({ db }, input) => {
  const { status, annotator } = input;
  const selection = 'ids' in input ? { ids: input.ids } : { documentId: input.documentId, label: input.label };
  return { changed: decideSuggestions(db, selection, { status, annotator }) };
};

/** Suggestion runs and the project settings they read. */
export const suggestionHandlers: HandlerGroup<'suggestions'> & HandlerGroup<'settings'> = {
  'suggestions:run': ({ db, jobs }, input) => {
    // Checked before the job exists, so an unknown label or document is an error of the request.
    resolveSuggestTargets(db, input);
    return { jobId: jobs.startSuggest(input) };
  },

  'suggestions:decideAll': ({ db, jobs }, input) => {
    // An unknown label is an error of the request, not of a job.
    if (input.label !== undefined && !listLabels(db).some((label) => label.name === input.label)) throw new UserError(`unknown label ${input.label}`);
    return { jobId: jobs.startDecideAll(input) };
  },

  'settings:get': ({ db }) => projectSettings(db),

  'settings:update': ({ db }, change) => updateProjectSettings(db, change),
};
