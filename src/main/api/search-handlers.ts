import { previewQueryTags } from '../annotate/tag-query.js';
import { UserError } from '../errors.js';
import { listLabels } from '../store/labels.js';
import { queryPhrase } from '../../shared/query-matches.js';
import type { HandlerGroup } from './handlers.js';

/** Tag from search: what tagging every match of a query would do, and doing it as a job. */
export const searchHandlers: HandlerGroup<'search'> = {
  'search:tagPreview': ({ db, searchIndexer }, { query, label }) => {
    const preview = previewQueryTags(db, query, label);
    if (preview.searchPending > 0) searchIndexer?.kick();
    return { ...preview, sample: [...preview.sample] };
  },

  'search:tag': ({ db, jobs }, { query, label, annotator }) => {
    // Checked before the job exists, so a query without words or an unknown label is an error of the request.
    if (queryPhrase(query) === null) throw new UserError('the query has no word to tag');
    if (!listLabels(db).some((known) => known.name === label)) throw new UserError(`unknown label ${label}`);
    return { jobId: jobs.startTagQuery({ query, label, annotator }) };
  },
};
