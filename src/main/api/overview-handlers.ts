import { projectOverview } from '../store/overview.js';
import type { HandlerGroup } from './handlers.js';

/** The Overview view's figures: one read of the whole project. */
export const overviewHandlers: HandlerGroup<'overview'> = {
  'overview:get': ({ db }) => projectOverview(db),
};
