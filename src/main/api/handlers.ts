import { basename } from 'node:path';
import type { z } from 'zod';
import type { Api, OperationName, OutputOf } from '../../shared/api.js';
import { SPAN_STATUSES, type JsonValue } from '../../shared/model.js';
import { occurrenceDrafts } from '../annotate/occurrences.js';
import { editSpan, removeSpan, tagSpan, tagSpans } from '../annotate/span-edits.js';
import { blindAnnotationOn } from '../annotate/blind-annotation.js';
import { setDocumentDone } from '../annotate/progress-edits.js';
import { nextNotDone } from '../store/assignments.js';
import { spanRowsSeenBy } from '../store/visible-spans.js';
import { NotFoundError, UserError } from '../errors.js';
import { readOnlyReason } from '../store/connection.js';
import { countDocuments, getDocument } from '../store/documents.js';
import { documentListPage, documentListRow, documentStatus, progressCounts } from '../store/document-list.js';
import { historyState, redo, undo } from '../store/history.js';
import { addLabel, listLabels, updateLabel } from '../store/labels.js';
import { noiseInDocument } from '../store/noise-marks.js';
import { pendingDocuments } from '../store/search-index.js';
import { spansInDocument, toSpan } from '../store/spans.js';
import { duplicateMarksInDocument } from '../store/duplicates.js';
import { withLearntEvidence } from '../suggest/gazetteer.js';
import type { ApiContext } from './context.js';
import { duplicateHandlers } from './duplicate-handlers.js';
import { entityHandlers } from './entity-handlers.js';
import { learntFormHandlers } from './learnt-form-handlers.js';
import { guidelineHandlers } from './guideline-handlers.js';
import { searchHandlers } from './search-handlers.js';
import { overviewHandlers } from './overview-handlers.js';
import { agreementHandlers, adjudicationHandlers } from './team-handlers.js';
import { syncHandlers } from './sync-handlers.js';
import { annotatorHandlers, assignmentHandlers } from './annotator-handlers.js';
import { stageUploads } from './jobs.js';
import { checkAnnotators } from '../export/export-project.js';
import { decideSpansHandler, suggestionHandlers } from './suggestion-handlers.js';

export type Handler<N extends OperationName> = (context: ApiContext, input: z.infer<Api[N]['input']>) => OutputOf<N> | Promise<OutputOf<N>>;
/** The handlers of the operations whose names start with `prefix` (one table per area of the contract). */
export type HandlerGroup<Prefix extends string> = { readonly [N in Extract<OperationName, `${Prefix}:${string}`>]: Handler<N> };
type HandlerTable = { readonly [N in OperationName]: Handler<N> };

function mustGetListRow(context: ApiContext, id: number, annotator?: string) {
  const row = documentListRow(context.db, id, { annotator, ownSpans: annotator !== undefined && blindAnnotationOn(context.db) });
  if (!row) throw new NotFoundError(`document ${id} does not exist`);
  return row;
}

/** The one handler table: contract name → function over the store. Inputs arrive parsed. */
export const handlers: HandlerTable = {
  'project:info': ({ db, dbPath, shell }) => ({
    path: dbPath,
    name: basename(dbPath).replace(/\.(sqlite3?|db)$/i, ''),
    documents: countDocuments(db),
    shell,
    readOnly: readOnlyReason(db),
    ...historyState(db),
  }),

  'documents:list': ({ db, searchIndexer }, input) => {
    // With blind annotation an annotator's document is in progress by their own spans; done is always their own.
    const ownSpans = input.annotator !== undefined && blindAnnotationOn(db);
    const page = documentListPage(db, { ...input, ownSpans });
    // A backlog this process did not leave (an import in another process, killed part-way) is caught up once someone searches.
    if (input.query !== undefined && page.searchPending > 0) searchIndexer?.kick();
    return { ...page, counts: progressCounts(db, { annotator: input.annotator, queue: input.queue, ownSpans }) };
  },

  'documents:get': ({ db }, { id, annotator, everyone }) => {
    const doc = getDocument(db, id);
    if (!doc) throw new NotFoundError(`document ${id} does not exist`);
    // "Show everyone's" (a curator's look) lifts blind annotation; each span still names its annotator.
    const blind = annotator !== undefined && everyone !== true && blindAnnotationOn(db);
    const spans = annotator === undefined ? spansInDocument(db, id) : spanRowsSeenBy(db, id, annotator, blind).map(toSpan);
    return {
      id: doc.id,
      title: doc.title,
      source: doc.source,
      text: doc.text,
      meta: doc.meta,
      status: documentStatus(db, id, { annotator, ownSpans: blind }) ?? 'not_started',
      spans: withLearntEvidence(
        db,
        doc.text,
        spans.map(({ createdAt: _c, updatedAt: _u, ...span }) => span),
      ),
      noise: noiseInDocument(db, id),
      duplicates: duplicateMarksInDocument(db, id),
      blind,
    };
  },

  'documents:setDone': (context, { id, done, annotator }) => {
    setDocumentDone(context.db, id, annotator, done);
    return mustGetListRow(context, id, annotator);
  },

  'documents:next': ({ db }, { annotator, afterId, queue }) => ({ id: nextNotDone(db, annotator, afterId, queue) }),

  'spans:create': ({ db }, input) => stripTimes(tagSpan(db, input)),

  'spans:update': ({ db }, { id, label, note, value }) => stripTimes(editSpan(db, id, { label, note, value: value as JsonValue | null | undefined })),

  'spans:delete': ({ db }, { id }) => {
    removeSpan(db, id);
    return { id };
  },

  'spans:occurrences': ({ db, searchIndexer }, input) => {
    const found = occurrenceDrafts(db, input, '');
    // The corpus count comes from the search index: say how much of the corpus it could not see.
    const searchPending = pendingDocuments(db);
    if (searchPending > 0) searchIndexer?.kick();
    return { surface: found.surface, inDocument: found.inDocument.length, inCorpus: found.inCorpus.length, searchPending };
  },

  'spans:tagOccurrences': ({ db }, { annotator, scope, ...query }) => {
    const found = occurrenceDrafts(db, query, annotator);
    const drafts = scope === 'document' ? found.inDocument : found.inCorpus;
    return { created: tagSpans(db, drafts, `tag ${drafts.length} × "${found.surface}" as ${query.label}`) };
  },

  'spans:decide': decideSpansHandler,

  'history:undo': ({ db }) => undo(db),
  'history:redo': ({ db }) => redo(db),

  'labels:list': ({ db }) => listLabels(db),
  'labels:create': ({ db }, input) => addLabel(db, input),
  'labels:update': ({ db }, { name, ...change }) => updateLabel(db, name, change),

  'import:files': ({ jobs, searchIndexer }, { files }) => {
    const staged = stageUploads(files);
    try {
      return { jobId: jobs.startImport(staged.paths, { displayNames: staged.displayNames, cleanup: staged.cleanup, searchIndexer }) };
    } catch (error) {
      // Refused before the job began (a read-only project): the job would have removed them.
      staged.cleanup();
      throw error;
    }
  },

  'import:paths': ({ jobs, searchIndexer }, { paths }) => ({ jobId: jobs.startImport(paths, { searchIndexer }) }),

  'export:start': ({ db, jobs }, { format, status, labels, annotators, assignedOnly, bom, path }) => {
    const statuses = status === 'all' ? SPAN_STATUSES : [status];
    const known = listLabels(db).map((label) => label.name);
    const unknown = (labels ?? []).filter((label) => !known.includes(label));
    if (unknown.length > 0) throw new UserError(`unknown label ${unknown.join(', ')}`);
    checkAnnotators(db, annotators);
    if (assignedOnly && !annotators) throw new UserError('only the assigned documents of whom? name the annotators');
    return { jobId: jobs.startExport({ format, statuses, labels, annotators, assignedOnly, bom, path }) };
  },

  ...duplicateHandlers,
  ...entityHandlers,
  ...learntFormHandlers,
  ...guidelineHandlers,
  ...searchHandlers,
  ...suggestionHandlers,
  ...annotatorHandlers,
  ...assignmentHandlers,
  ...agreementHandlers,
  ...adjudicationHandlers,
  ...overviewHandlers,
  ...syncHandlers,

  'jobs:get': ({ jobs }, { jobId }) => jobs.get(jobId),
  'jobs:cancel': ({ jobs }, { jobId }) => jobs.cancel(jobId),
};

function stripTimes<T extends { createdAt: string; updatedAt: string }>(span: T): Omit<T, 'createdAt' | 'updatedAt'> {
  const { createdAt: _c, updatedAt: _u, ...rest } = span;
  return rest;
}

