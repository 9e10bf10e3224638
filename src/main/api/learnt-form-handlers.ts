import { learntFormPage } from '../store/gazetteer.js';
import { forgetLearntForm } from '../suggest/gazetteer.js';
import type { HandlerGroup } from './handlers.js';

/** The Learnt forms list: what suggestion runs learnt from tags, and forgetting a form. */
export const learntFormHandlers: HandlerGroup<'learntForms'> = {
  'learntForms:list': ({ db }, { label, contains, offset, limit }) => learntFormPage(db, { label, contains, offset, limit }),

  'learntForms:remove': ({ db }, { label, surface }) => {
    forgetLearntForm(db, label, surface);
    return { removed: true };
  },
};
