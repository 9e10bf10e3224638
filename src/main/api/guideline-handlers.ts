import { projectGuidelines, saveGuidelines } from '../store/guidelines.js';
import type { HandlerGroup } from './handlers.js';

/** The project's guidelines panel: reading and saving its Markdown. */
export const guidelineHandlers: HandlerGroup<'guidelines'> = {
  'guidelines:get': ({ db }) => projectGuidelines(db),
  'guidelines:update': ({ db }, { text }) => saveGuidelines(db, text),
};
