/**
 * The query plan of every statement on a hot path, over a project with
 * realistic row counts: few labels with many spans each (so spans_by_label
 * looks attractive to SQLite), thousands of documents with a dozen spans each,
 * noise marks, duplicate clusters and linked entities. Each plan is checked
 * twice, in a project without statistics (as a fresh import leaves it) and
 * after optimizeAfterBulkWork has analysed it, because SQLite picks indexes
 * from statistics it may or may not have: a plan that drifts to a scan or to
 * an index that does not lead with what the query filters on fails here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGGED_PLACES_SQL } from '../../src/main/annotate/occurrences.js';
import { openProject, optimizeAfterBulkWork, type Db } from '../../src/main/store/connection.js';
import {
  annotatorProgressCountsSql,
  DOCUMENT_LIST_ROW_SQL,
  documentListRowSql,
  documentListSql,
  PROGRESS_COUNTS_SQL,
  type DocumentListQuery,
} from '../../src/main/store/document-list.js';
import { NEXT_IN_QUEUE_SQL, NEXT_NOT_DONE_SQL, UNASSIGNED_DOCUMENTS_SQL } from '../../src/main/store/assignments.js';
import { DONE_AT_SQL } from '../../src/main/store/progress.js';
import { BLIND_SPANS_SQL, OPEN_SPANS_SQL } from '../../src/main/store/visible-spans.js';
import { DESIGN_SQL } from '../../src/main/teams/agreement-design.js';
import { ASSIGNED_IN_RANGE_SQL } from '../../src/main/export/export-project.js';
import {
  CLUSTER_MEMBERS_SQL,
  CLUSTER_PREVIEW_SQL,
  clusterPageSql,
  CLUSTERS_WITH_MEMBER_SQL,
  DUPLICATE_MARKS_IN_DOCUMENT_SQL,
  MEMBER_PLACES_IN_DOCUMENT_SQL,
  SPANS_OVERLAPPING_SQL,
  OWN_SPANS_OVERLAPPING_SQL,
  type ClusterQuery,
} from '../../src/main/store/duplicates.js';
import { ENTITIES_NAMED_SQL, ENTITY_MENTIONS_SQL, entityListSql, MENTION_ROWS_SQL, type EntityListQuery } from '../../src/main/store/entities.js';
import { DUPLICATE_LINKS_IN_DOCUMENT_RANGE_SQL, ENTITY_NAMES_IN_DOCUMENT_RANGE_SQL } from '../../src/main/store/export-links.js';
import { NOISE_IN_DOCUMENT_RANGE_SQL } from '../../src/main/store/noise-marks.js';
import { OVERVIEW_SQL } from '../../src/main/store/overview.js';
import {
  exportSpansSql,
  SPAN_PLACES_IN_RANGE_SQL,
  SPANS_IN_DOCUMENT_SQL,
  SPANS_WITH_STATUS_SQL,
  SUGGESTION_AT_SQL,
  type SpanFilter,
} from '../../src/main/store/spans.js';
import { ADJUDICATION_DOCUMENT_SPANS, ADJUDICATION_SPANS } from '../../src/main/teams/adjudication.js';
import { AGREEMENT_SPANS } from '../../src/main/teams/agreement.js';
import { ADJUDICATOR } from '../../src/shared/model.js';
import { queryPlan } from '../helpers/query-plan.js';

const DOCUMENTS = 3000;
const SPANS_PER_DOCUMENT = 12;
const ENTITIES = 500;
const CLUSTERS = 400;

/** A small deterministic generator (mulberry32), so every run builds the same project. */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** Picks from weighted choices. */
function weighted<T>(random: (n: number) => number, choices: readonly (readonly [T, number])[]): T {
  let roll = random(choices.reduce((sum, [, weight]) => sum + weight, 0));
  for (const [value, weight] of choices) {
    if (roll < weight) return value;
    roll -= weight;
  }
  throw new Error('unreachable');
}

const LABELS = [
  ['DATE', 40],
  ['FIGURE', 30],
  ['PERSON', 20],
  ['HOSPITAL', 10],
] as const;

/**
 * Fills a project the way months of work would: 3,000 documents, 36,000 spans
 * over four labels (half suggested, two annotators and an adjudicator on the
 * rest), a sixth of the accepted ones linked to 500 entities, noise in a
 * quarter of the documents, 400 duplicate clusters and a seventh of the
 * documents done. Plain SQL in one transaction: what is measured is the plan.
 */
function fillProject(db: Db): void {
  const random = generator(20240601);
  db.transaction(() => {
    const document = db.prepare(
      `INSERT INTO documents (id, title, source, content_hash, text, length_cp, meta, imported_at)
       VALUES (?, ?, ?, ?, ?, 2000, '{}', '2025-01-01T00:00:00.000Z')`,
    );
    const progress = db.prepare('INSERT OR IGNORE INTO document_progress (annotator, document_id, done_at) VALUES (?, ?, ?)');
    const assignment = db.prepare("INSERT OR IGNORE INTO assignments (annotator, document_id, assigned_at) VALUES (?, ?, '2025-01-02T00:00:00.000Z')");
    const text = 'word '.repeat(400);
    for (let id = 1; id <= DOCUMENTS; id++) {
      const done = random(7) === 0 ? `2025-02-${String(1 + random(28)).padStart(2, '0')}T10:00:00.000Z` : null;
      document.run(id, `Report ${random(100_000)}`, `reports/${id}.txt`, `hash-${id}`, text);
      // Each document is assigned to one of the two annotators, a tenth to both; done marks are each one's own.
      const given = random(10) === 0 ? ['mira', 'tomas'] : [random(2) === 0 ? 'mira' : 'tomas'];
      for (const name of given) {
        assignment.run(name, id);
        if (done) progress.run(name, id, done);
      }
    }
    const entity = db.prepare('INSERT INTO entities (id, name, label, aliases) VALUES (?, ?, ?, ?)');
    for (let id = 1; id <= ENTITIES; id++) entity.run(id, `Entity ${id}`, weighted(random, LABELS), JSON.stringify([`E${id}`]));
    const span = db.prepare(
      `INSERT OR IGNORE INTO spans (document_id, start_cp, end_cp, label, annotator, status, entity_id, recogniser, confidence, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    );
    for (let documentId = 1; documentId <= DOCUMENTS; documentId++) {
      for (let n = 0; n < SPANS_PER_DOCUMENT; n++) {
        const start = random(1980);
        const status = weighted(random, [['suggested', 50], ['accepted', 40], ['rejected', 10]] as const);
        const annotator = status === 'suggested' ? '' : weighted(random, [['mira', 45], ['tomas', 45], [ADJUDICATOR, 10]] as const);
        const entityId = status === 'accepted' && random(6) === 0 ? 1 + random(ENTITIES) : null;
        span.run(documentId, start, start + 1 + random(20), weighted(random, LABELS), annotator, status, entityId, status === 'suggested' ? 'date' : null, status === 'suggested' ? 0.9 : null);
      }
    }
    const noise = db.prepare("INSERT INTO noise_marks (document_id, start_cp, end_cp, kind) VALUES (?, ?, ?, 'spam_line')");
    for (let documentId = 1; documentId <= DOCUMENTS; documentId += 4) {
      for (let n = 0, marks = 1 + random(3); n < marks; n++) noise.run(documentId, n * 100, n * 100 + 40);
    }
    const cluster = db.prepare(
      `INSERT INTO duplicate_clusters (id, kind, status, similarity, created_at, updated_at)
       VALUES (?, ?, ?, 0.9, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    );
    const member = db.prepare(
      `INSERT OR IGNORE INTO duplicate_members (cluster_id, document_id, start_cp, end_cp, similarity, status, added_at)
       VALUES (?, ?, ?, ?, 0.9, ?, '2025-01-01T00:00:00.000Z')`,
    );
    for (let id = 1; id <= CLUSTERS; id++) {
      const kind = random(5) === 0 ? 'document' : 'passage';
      const status = weighted(random, [['suggested', 60], ['confirmed', 30], ['rejected', 10]] as const);
      cluster.run(id, kind, status);
      for (let n = 0, members = 2 + random(4); n < members; n++) {
        const start = kind === 'document' ? 0 : 100 * random(15);
        member.run(id, 1 + random(DOCUMENTS), start, kind === 'document' ? 2000 : start + 300, status);
      }
    }
  })();
}

interface HotQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** The plan in both projects. */
  readonly plan: string;
  /** The plan once statistics exist, where it rightly differs. */
  readonly analysed?: string;
}

const plan = (...steps: (string | readonly string[])[]): string => steps.flat().join('\n');

const DOCUMENT = 1234;

/** The columns of a document-list row: whether it is done, its accepted spans (status and count) and its noise, each by its document. */
const LIST_ROW_COLUMNS = [
  'CORRELATED SCALAR SUBQUERY 1',
  '  SEARCH p USING COVERING INDEX document_progress_by_document (document_id=?)',
  'CORRELATED SCALAR SUBQUERY 2',
  '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
  'CORRELATED SCALAR SUBQUERY 3',
  '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
  'CORRELATED SCALAR SUBQUERY 4',
  '  SEARCH n USING COVERING INDEX noise_by_document (document_id=?)',
];

/** A page of the document list: its total, then its rows. */
function listPage(
  input: Omit<DocumentListQuery, 'offset' | 'limit'>,
  search: string,
  steps: { total: string; page: string; totalAnalysed?: string; pageAnalysed?: string },
): HotQuery[] {
  const sql = documentListSql({ ...input, offset: 0, limit: 50 }, search, false);
  return [
    { sql: sql.total, params: sql.params, plan: steps.total, ...(steps.totalAnalysed ? { analysed: steps.totalAnalysed } : {}) },
    { sql: sql.page, params: [...sql.params, 50, 0], plan: steps.page, ...(steps.pageAnalysed ? { analysed: steps.pageAnalysed } : {}) },
  ];
}

/** A page of the duplicates list: its total, its rows, then its counts by status. */
function clusterList(query: Omit<ClusterQuery, 'offset' | 'limit'>, steps: { total: string; page: string; byStatus: string; byStatusAnalysed?: string }): HotQuery[] {
  const sql = clusterPageSql(query);
  return [
    { sql: sql.total, params: sql.totalParams, plan: steps.total },
    { sql: sql.page, params: [...sql.totalParams, 50, 0], plan: steps.page },
    { sql: sql.byStatus, params: sql.byStatusParams, plan: steps.byStatus, ...(steps.byStatusAnalysed ? { analysed: steps.byStatusAnalysed } : {}) },
  ];
}

/** A page of the entities list: its total, then its rows. */
function entityList(input: Omit<EntityListQuery, 'offset' | 'limit'>, steps: { total: string; page: string }): HotQuery[] {
  const sql = entityListSql(input);
  return [
    { sql: sql.total, params: sql.params, plan: steps.total },
    { sql: sql.page, params: [...sql.params, 50, 0], plan: steps.page },
  ];
}

/** Export's read of a range of documents' spans. */
function exportedSpans(filter: SpanFilter, steps: string): HotQuery {
  const { sql, params } = exportSpansSql(filter);
  return { sql, params: [DOCUMENT, DOCUMENT + 199, ...params], plan: steps };
}

/** Every statement on a hot path with its plan, grouped by what asks for it. */
const HOT_QUERIES: Record<string, HotQuery | readonly HotQuery[]> = {
  // ── Opening a document ──────────────────────────────────────────────────
  'spans of a document': {
    sql: SPANS_IN_DOCUMENT_SQL,
    params: [DOCUMENT],
    plan: plan('SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=?)', 'USE TEMP B-TREE FOR LAST 3 TERMS OF ORDER BY'),
  },
  'spans of a document with a status': {
    sql: SPANS_WITH_STATUS_SQL,
    params: [DOCUMENT, 'suggested', 'DATE', 'DATE'],
    plan: plan('SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=?)', 'USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY'),
  },
  'noise of a document': {
    sql: NOISE_IN_DOCUMENT_RANGE_SQL,
    params: [DOCUMENT, DOCUMENT],
    plan: plan('SEARCH noise_marks USING INDEX noise_by_document (document_id>? AND document_id<?)', 'USE TEMP B-TREE FOR LAST TERM OF ORDER BY'),
  },
  'duplicate marks of a document': {
    sql: DUPLICATE_MARKS_IN_DOCUMENT_SQL,
    params: [DOCUMENT],
    plan: plan(
      'SEARCH m USING INDEX duplicate_members_by_document (document_id=?)',
      'CORRELATED SCALAR SUBQUERY 2',
      '  SEARCH o USING INDEX duplicate_members_by_cluster (cluster_id=?)',
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      'CORRELATED SCALAR SUBQUERY 1',
      '  SEARCH o USING INDEX sqlite_autoindex_duplicate_members_1 (cluster_id=?)',
      'CORRELATED SCALAR SUBQUERY 2',
      '  SEARCH o USING INDEX duplicate_members_by_cluster (cluster_id=?)',
      'USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY',
    ),
  },
  'list row of a document': {
    sql: DOCUMENT_LIST_ROW_SQL,
    params: [DOCUMENT],
    plan: plan(
        'SEARCH d USING INTEGER PRIMARY KEY (rowid=?)',
        LIST_ROW_COLUMNS,
      ),
  },
  'list row of a document, for an annotator working blind': {
    sql: documentListRowSql({ annotator: 'mira', ownSpans: true }),
    params: [DOCUMENT, { annotator: 'mira' }],
    plan: plan(
        'SEARCH d USING INTEGER PRIMARY KEY (rowid=?)',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        'CORRELATED SCALAR SUBQUERY 2',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 3',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 4',
        '  SEARCH n USING COVERING INDEX noise_by_document (document_id=?)',
      ),
  },
  'spans of a document an annotator sees, blind': { sql: BLIND_SPANS_SQL, params: [DOCUMENT, { annotator: 'mira' }], plan: plan(
        'SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH x USING PRIMARY KEY (span_id=? AND annotator=?)',
        'USE TEMP B-TREE FOR LAST 3 TERMS OF ORDER BY',
      ),
  },
  'spans of a document an annotator sees': { sql: OPEN_SPANS_SQL, params: [DOCUMENT, { annotator: 'mira' }], plan: plan(
        'SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH x USING PRIMARY KEY (span_id=? AND annotator=?)',
        'USE TEMP B-TREE FOR LAST 3 TERMS OF ORDER BY',
      ),
  },
  'adjudication of a document': {
    sql: ADJUDICATION_DOCUMENT_SPANS,
    params: [DOCUMENT],
    plan: plan('SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=?)', 'USE TEMP B-TREE FOR LAST 3 TERMS OF ORDER BY'),
  },

  // ── Suggesting, tagging and detecting, a candidate at a time ────────────
  'spans of a batch a suggestion run checks its candidates against': {
    sql: SPAN_PLACES_IN_RANGE_SQL,
    params: [DOCUMENT, DOCUMENT + 99],
    plan: 'SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id>? AND document_id<?)',
  },
  'suggestion at a place': {
    sql: SUGGESTION_AT_SQL,
    params: [DOCUMENT, 10, 20, 'DATE'],
    plan: plan('SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=? AND start_cp=? AND end_cp=? AND label=?)', 'USE TEMP B-TREE FOR ORDER BY'),
  },
  'tagged places of a label in a document': {
    sql: TAGGED_PLACES_SQL,
    params: [DOCUMENT, 'DATE'],
    plan: 'SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
  },
  'cluster members in a document': {
    sql: MEMBER_PLACES_IN_DOCUMENT_SQL,
    params: [DOCUMENT, 'passage'],
    plan: plan('SEARCH m USING INDEX duplicate_members_by_document (document_id=?)', 'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)', 'USE TEMP B-TREE FOR ORDER BY'),
  },
  'clusters with a member at a place': {
    sql: CLUSTERS_WITH_MEMBER_SQL,
    params: ['passage', DOCUMENT, 100, 400],
    plan: plan(
      'SEARCH m USING INDEX duplicate_members_by_document (document_id=? AND start_cp=?)',
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      'USE TEMP B-TREE FOR DISTINCT',
    ),
  },
  'entities named': {
    sql: ENTITIES_NAMED_SQL,
    params: ['PERSON', 'Entity 7'],
    plan: 'SEARCH entities USING INDEX entities_by_label_name (label=? AND name=?)',
  },

  // ── Exports, a range of documents at a time ─────────────────────────────
  'exported spans of documents': exportedSpans({}, 'SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id>? AND document_id<?)'),
  'exported spans of documents, accepted ones of a label': exportedSpans(
    { labels: ['DATE'], statuses: ['accepted'] },
    plan(
      'SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id>? AND document_id<?)',
      'LIST SUBQUERY 2',
      '  SCAN json_each VIRTUAL TABLE INDEX 1:',
      '  CREATE BLOOM FILTER',
      'LIST SUBQUERY 1',
      '  SCAN json_each VIRTUAL TABLE INDEX 1:',
      '  CREATE BLOOM FILTER',
    ),
  ),
  'linked entities of documents': {
    sql: ENTITY_NAMES_IN_DOCUMENT_RANGE_SQL,
    params: [DOCUMENT, DOCUMENT + 199],
    plan: plan(
      'SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id>? AND document_id<?)',
      'SEARCH e USING INTEGER PRIMARY KEY (rowid=?)',
      'USE TEMP B-TREE FOR DISTINCT',
    ),
  },
  'duplicate links of documents': {
    sql: DUPLICATE_LINKS_IN_DOCUMENT_RANGE_SQL,
    params: [DOCUMENT, DOCUMENT + 199],
    plan: plan(
      'SEARCH m USING INDEX duplicate_members_by_document (document_id>? AND document_id<?)',
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      'USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY',
    ),
  },

  // ── The document list ───────────────────────────────────────────────────
  // Unfiltered, the page reads documents in id order and stops after it.
  'document list': listPage(
    { sort: 'id' },
    '',
    { total: 'SCAN documents USING COVERING INDEX sqlite_autoindex_documents_1', page: plan(
        'SCAN d',
        LIST_ROW_COLUMNS,
      ) }),
  'document list, in progress': listPage(
    { sort: 'id', status: 'in_progress' },
    '',
    { total: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH p USING COVERING INDEX document_progress_by_document (document_id=?)',
        'SEARCH s EXISTS USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
      ), page: plan(
        'SCAN d',
        'CORRELATED SCALAR SUBQUERY 5',
        '  SEARCH p USING COVERING INDEX document_progress_by_document (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 6',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        LIST_ROW_COLUMNS,
      ) }),
  'document list, not started': listPage(
    { sort: 'id', status: 'not_started' },
    '',
    { total: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH p USING COVERING INDEX document_progress_by_document (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 2',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
      ), page: plan(
        'SCAN d',
        'CORRELATED SCALAR SUBQUERY 5',
        '  SEARCH p USING COVERING INDEX document_progress_by_document (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 6',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        LIST_ROW_COLUMNS,
      ) }),
  // The done page also walks documents in id order until it is full: done ones
  // are ordered by when they were done in the index, and sorting them all would
  // cost more than the page.
  'document list, done': listPage(
    { sort: 'id', status: 'done' },
    '',
    { total: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'SEARCH p EXISTS USING COVERING INDEX document_progress_by_document (document_id=?)',
      ), page: plan(
        'SCAN d',
        'CORRELATED SCALAR SUBQUERY 5',
        '  SEARCH p USING COVERING INDEX document_progress_by_document (document_id=?)',
        LIST_ROW_COLUMNS,
      ) }),
  'document list, with noise': listPage(
    { sort: 'id', hasNoise: true },
    '',
    { total: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'SEARCH n EXISTS USING COVERING INDEX noise_by_document (document_id=?)',
      ), page: plan(
        'SCAN d',
        'CORRELATED SCALAR SUBQUERY 5',
        '  SEARCH n USING COVERING INDEX noise_by_document (document_id=?)',
        LIST_ROW_COLUMNS,
      ) }),
  'document list, of a label': listPage(
    { sort: 'id', label: 'DATE' },
    '',
    { total: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'SEARCH s EXISTS USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
      ), page: plan(
        'SCAN d',
        'CORRELATED SCALAR SUBQUERY 5',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        LIST_ROW_COLUMNS,
      ) }),
  // Titles have no index (every import would pay for one): sorting by title sorts every document.
  'document list, by title': listPage(
    { sort: 'title' },
    '',
    { total: 'SCAN documents USING COVERING INDEX sqlite_autoindex_documents_1', page: plan(
        'SCAN d',
        LIST_ROW_COLUMNS,
        'USE TEMP B-TREE FOR ORDER BY',
      ) }),
  'document list, searched within a label': listPage(
    { sort: 'id', label: 'DATE' },
    'hospital',
    { total: plan(
        'SCAN documents_fts VIRTUAL TABLE INDEX 0:M2',
        'SEARCH d USING INTEGER PRIMARY KEY (rowid=?)',
        'SEARCH s EXISTS USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
      ), page: plan(
        'SCAN documents_fts VIRTUAL TABLE INDEX 0:M2',
        'SEARCH d USING INTEGER PRIMARY KEY (rowid=?)',
        'CORRELATED SCALAR SUBQUERY 5',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        LIST_ROW_COLUMNS,
        'USE TEMP B-TREE FOR ORDER BY',
      ) }),
  'document progress counts': {
    sql: PROGRESS_COUNTS_SQL,
    params: [],
    plan: plan(
        'SCAN CONSTANT ROW',
        'SCALAR SUBQUERY 1',
        '  SCAN documents USING COVERING INDEX sqlite_autoindex_documents_1',
        'SCALAR SUBQUERY 2',
        '  SCAN document_progress USING COVERING INDEX document_progress_by_document',
        'SCALAR SUBQUERY 4',
        '  SCAN s USING INDEX sqlite_autoindex_spans_1',
        '  CORRELATED SCALAR SUBQUERY 3',
        '    SEARCH p USING COVERING INDEX document_progress_by_document (document_id=?)',
      ),
  },

  // ── One annotator's list, queue and progress (done is each annotator's own) ──
  'document list, an annotator\'s queue not started, blind': listPage(
    { sort: 'id', annotator: 'mira', queue: true, status: 'not_started', ownSpans: true },
    '',
    { total: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'CORRELATED SCALAR SUBQUERY 2',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        'CORRELATED SCALAR SUBQUERY 3',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'SEARCH a EXISTS USING PRIMARY KEY (annotator=? AND document_id=?)',
      ), page: plan(
        'SCAN d',
        'CORRELATED SCALAR SUBQUERY 5',
        '  SEARCH a USING PRIMARY KEY (annotator=? AND document_id=?)',
        'CORRELATED SCALAR SUBQUERY 6',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        'CORRELATED SCALAR SUBQUERY 7',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        'CORRELATED SCALAR SUBQUERY 2',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 3',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 4',
        '  SEARCH n USING COVERING INDEX noise_by_document (document_id=?)',
      ), totalAnalysed: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'CORRELATED SCALAR SUBQUERY 2',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        'CORRELATED SCALAR SUBQUERY 3',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'SEARCH a EXISTS USING COVERING INDEX assignments_by_document (document_id=? AND annotator=?)',
      ) }),
  'document list, done by an annotator': listPage({ sort: 'id', annotator: 'mira', status: 'done' }, '', { total: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'SEARCH p EXISTS USING PRIMARY KEY (annotator=? AND document_id=?)',
      ), page: plan(
        'SCAN d',
        'CORRELATED SCALAR SUBQUERY 5',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        'CORRELATED SCALAR SUBQUERY 2',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 3',
        '  SEARCH s USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
        'CORRELATED SCALAR SUBQUERY 4',
        '  SEARCH n USING COVERING INDEX noise_by_document (document_id=?)',
      ), totalAnalysed: plan(
        'SCAN d USING COVERING INDEX sqlite_autoindex_documents_1',
        'BLOOM FILTER ON p (document_id=? AND annotator=?)',
        'SEARCH p EXISTS USING INDEX document_progress_by_document (document_id=? AND annotator=?)',
      ) }),
  'an annotator\'s progress counts': { sql: annotatorProgressCountsSql({ ownSpans: false, queue: false }), params: [{ annotator: 'mira' }], plan: plan(
        'SCAN CONSTANT ROW',
        'SCALAR SUBQUERY 1',
        '  SCAN documents USING COVERING INDEX sqlite_autoindex_documents_1',
        'SCALAR SUBQUERY 2',
        '  SEARCH document_progress USING PRIMARY KEY (annotator=?)',
        'SCALAR SUBQUERY 5',
        '  SCAN x USING COVERING INDEX sqlite_autoindex_documents_1',
        '  CORRELATED SCALAR SUBQUERY 3',
        '    SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        '  SEARCH s EXISTS USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
      ),
  },
  'an annotator\'s progress counts in their queue, blind': { sql: annotatorProgressCountsSql({ ownSpans: true, queue: true }), params: [{ annotator: 'mira' }], plan: plan(
        'SCAN CONSTANT ROW',
        'SCALAR SUBQUERY 1',
        '  SEARCH assignments USING PRIMARY KEY (annotator=?)',
        'SCALAR SUBQUERY 2',
        '  SEARCH a USING PRIMARY KEY (annotator=?)',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        'SCALAR SUBQUERY 6',
        '  SEARCH assignments USING PRIMARY KEY (annotator=?)',
        '  CORRELATED SCALAR SUBQUERY 4',
        '    SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        '  SEARCH s EXISTS USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
      ),
    analysed: plan(
        'SCAN CONSTANT ROW',
        'SCALAR SUBQUERY 1',
        '  SEARCH assignments USING PRIMARY KEY (annotator=?)',
        'SCALAR SUBQUERY 2',
        '  SEARCH p USING PRIMARY KEY (annotator=?)',
        '  SEARCH a USING COVERING INDEX assignments_by_document (document_id=? AND annotator=?)',
        'SCALAR SUBQUERY 6',
        '  SEARCH assignments USING PRIMARY KEY (annotator=?)',
        '  CORRELATED SCALAR SUBQUERY 4',
        '    SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
        '  SEARCH s EXISTS USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
      ),
  },
  'next document not done in a queue': { sql: NEXT_IN_QUEUE_SQL, params: ['mira', DOCUMENT], plan: plan(
        'SEARCH a USING PRIMARY KEY (annotator=? AND document_id>?)',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
      ),
  },
  'next document not done': { sql: NEXT_NOT_DONE_SQL, params: [DOCUMENT, 'mira'], plan: plan(
        'SEARCH d USING INTEGER PRIMARY KEY (rowid>?)',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)',
      ),
  },
  'an annotator\'s done mark': { sql: DONE_AT_SQL, params: ['mira', DOCUMENT], plan: 'SEARCH document_progress USING PRIMARY KEY (annotator=? AND document_id=?)',
  },
  'an annotator\'s queue in a range of documents an export reads': {
    sql: ASSIGNED_IN_RANGE_SQL,
    params: ['["mira"]', DOCUMENT, DOCUMENT + 499],
    plan: plan(
        'SEARCH assignments USING PRIMARY KEY (annotator=? AND document_id>? AND document_id<?)',
        'LIST SUBQUERY 1',
        '  SCAN json_each VIRTUAL TABLE INDEX 1:',
        'USE TEMP B-TREE FOR DISTINCT',
      ),
    analysed: plan(
        'SEARCH assignments USING COVERING INDEX assignments_by_document (document_id>? AND document_id<?)',
        'LIST SUBQUERY 1',
        '  SCAN json_each VIRTUAL TABLE INDEX 1:',
        '  CREATE BLOOM FILTER',
      ),
  },
  'documents nobody is assigned, for the next deal': {
    sql: UNASSIGNED_DOCUMENTS_SQL,
    params: [100],
    plan: plan('SCAN d', 'CORRELATED SCALAR SUBQUERY 1', '  SEARCH a USING COVERING INDEX assignments_by_document (document_id=?)'),
  },
  'documents agreement compares by design': { sql: DESIGN_SQL, params: ['["mira","tomas"]'], plan: plan(
        'SEARCH a USING PRIMARY KEY (annotator=?)',
        'LIST SUBQUERY 1',
        '  SCAN json_each VIRTUAL TABLE INDEX 1:',
        'SEARCH p USING PRIMARY KEY (annotator=? AND document_id=?) LEFT-JOIN',
        'USE TEMP B-TREE FOR ORDER BY',
      ),
  },

  // ── The duplicates list: ranked by size, so every cluster of the filter is counted ──
  'duplicates list': clusterList(
    { status: 'all' },
    {
      total: 'SCAN duplicate_clusters USING COVERING INDEX duplicate_clusters_by_status',
      page: plan(
        'SCAN c',
        'SEARCH m USING INDEX duplicate_members_by_cluster (cluster_id=?) LEFT-JOIN',
        'USE TEMP B-TREE FOR count(DISTINCT)',
        'USE TEMP B-TREE FOR ORDER BY',
      ),
      byStatus: 'SCAN duplicate_clusters USING COVERING INDEX duplicate_clusters_by_status',
    },
  ),
  'duplicates list, suggested passages': clusterList(
    { status: 'suggested', kind: 'passage' },
    {
      total: 'SEARCH c USING COVERING INDEX duplicate_clusters_by_status (status=? AND kind=?)',
      page: plan(
        'SEARCH c USING INDEX duplicate_clusters_by_status (status=? AND kind=?)',
        'SEARCH m USING INDEX duplicate_members_by_cluster (cluster_id=?) LEFT-JOIN',
        'USE TEMP B-TREE FOR count(DISTINCT)',
        'USE TEMP B-TREE FOR ORDER BY',
      ),
      byStatus: 'SCAN duplicate_clusters USING COVERING INDEX duplicate_clusters_by_status',
      byStatusAnalysed: 'SEARCH duplicate_clusters USING COVERING INDEX duplicate_clusters_by_status (ANY(status) AND kind=?)',
    },
  ),
  'cluster preview': {
    sql: CLUSTER_PREVIEW_SQL,
    params: [200, 7],
    plan: plan('SEARCH m USING COVERING INDEX sqlite_autoindex_duplicate_members_1 (cluster_id=?)', 'SEARCH d USING INTEGER PRIMARY KEY (rowid=?)'),
  },
  'cluster members': {
    sql: CLUSTER_MEMBERS_SQL,
    params: [20_000, 7],
    plan: plan(
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH m USING INDEX sqlite_autoindex_duplicate_members_1 (cluster_id=?)',
      'SEARCH d USING INTEGER PRIMARY KEY (rowid=?)',
      'USE TEMP B-TREE FOR LAST TERM OF ORDER BY',
    ),
  },
  'spans overlapping a cluster member': {
    sql: SPANS_OVERLAPPING_SQL,
    params: [DOCUMENT, 400, 100],
    plan: plan('SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=? AND start_cp<?)', 'USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY'),
  },
  "one annotator's spans overlapping a cluster member (blind annotation)": {
    sql: OWN_SPANS_OVERLAPPING_SQL,
    params: [DOCUMENT, 400, 100, 'ann'],
    plan: plan('SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=? AND start_cp<?)', 'USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY'),
  },

  // ── The entities list: ranked by mentions, so every entity of the filter is counted ──
  'entities list': entityList(
    {},
    {
      total: 'SCAN entities USING COVERING INDEX entities_by_label_name',
      page: plan('SCAN e', 'SEARCH s USING INDEX spans_by_entity (entity_id=?) LEFT-JOIN', 'USE TEMP B-TREE FOR count(DISTINCT)', 'USE TEMP B-TREE FOR ORDER BY'),
    },
  ),
  'entities list, searched within a label': entityList(
    { label: 'PERSON', query: 'ent' },
    {
      total: plan('SEARCH e USING INDEX entities_by_label_name (label=?)', 'CORRELATED SCALAR SUBQUERY 1', '  SCAN a VIRTUAL TABLE INDEX 1:'),
      page: plan(
        'SEARCH e USING INDEX entities_by_label_name (label=?)',
        'CORRELATED SCALAR SUBQUERY 1',
        '  SCAN a VIRTUAL TABLE INDEX 1:',
        'SEARCH s USING INDEX spans_by_entity (entity_id=?) LEFT-JOIN',
        'USE TEMP B-TREE FOR GROUP BY',
        'USE TEMP B-TREE FOR count(DISTINCT)',
        'USE TEMP B-TREE FOR ORDER BY',
      ),
    },
  ),
  'mentions of an entity': {
    sql: ENTITY_MENTIONS_SQL,
    params: [7],
    plan: plan('SEARCH spans USING INDEX spans_by_entity (entity_id=?)', 'USE TEMP B-TREE FOR ORDER BY'),
  },
  'mention rows of an entity': {
    sql: MENTION_ROWS_SQL,
    params: [7],
    plan: 'SEARCH spans USING INDEX spans_by_entity (entity_id=?)',
  },

  // ── Agreement and the adjudication list, a batch of documents at a time ──
  'adjudication list spans': {
    sql: ADJUDICATION_SPANS,
    params: [1, 500, '["mira","tomas"]', ADJUDICATOR],
    plan: plan(
      'SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id>? AND document_id<?)',
      'LIST SUBQUERY 1',
      '  SCAN json_each VIRTUAL TABLE INDEX 1:',
      '  CREATE BLOOM FILTER',
    ),
  },
  'agreement spans': {
    sql: AGREEMENT_SPANS,
    params: [JSON.stringify(Array.from({ length: 500 }, (_, i) => i + 1))],
    plan: plan(
      'SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=?)',
      'LIST SUBQUERY 1',
      '  SCAN json_each VIRTUAL TABLE INDEX 1:',
      'USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY',
    ),
  },

  // ── The overview: figures over the whole project, each one pass over an index ──
  'overview: spans by label and status': {
    sql: OVERVIEW_SQL.spansByLabelAndStatus,
    params: [],
    plan: 'SCAN spans USING COVERING INDEX spans_by_label',
  },
  'overview: done by day': {
    sql: OVERVIEW_SQL.doneByDay,
    params: [],
    plan: plan(
        'CO-ROUTINE (subquery-1)',
        '  SCAN document_progress USING INDEX document_progress_by_document',
        'SCAN (subquery-1)',
        'USE TEMP B-TREE FOR GROUP BY',
      ),
  },
  'overview: documents by span count': {
    sql: OVERVIEW_SQL.documentsBySpanCount,
    params: [],
    plan: plan('CO-ROUTINE (subquery-1)', '  SCAN spans USING INDEX sqlite_autoindex_spans_1', 'SCAN (subquery-1)', 'USE TEMP B-TREE FOR GROUP BY'),
  },
  'overview: top entities': {
    sql: OVERVIEW_SQL.topEntities,
    params: [10],
    plan: plan(
      'CO-ROUTINE t',
      '  CO-ROUTINE (subquery-3)',
      '    SCAN e',
      '    SEARCH s USING INDEX spans_by_entity (entity_id=?)',
      '    USE TEMP B-TREE FOR ORDER BY',
      '  SCAN (subquery-3)',
      'SCAN t',
      'SEARCH l USING INDEX sqlite_autoindex_labels_1 (name=?) LEFT-JOIN',
      'USE TEMP B-TREE FOR ORDER BY',
    ),
  },
  'overview: clusters by size': {
    sql: OVERVIEW_SQL.clustersBySize,
    params: [],
    plan: plan(
      'CO-ROUTINE (subquery-1)',
      '  SCAN m USING COVERING INDEX duplicate_members_by_cluster',
      '  SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      'SCAN (subquery-1)',
      'USE TEMP B-TREE FOR GROUP BY',
    ),
    analysed: plan(
      'CO-ROUTINE (subquery-1)',
      '  SCAN m USING COVERING INDEX duplicate_members_by_cluster',
      '  BLOOM FILTER ON c (id=?)',
      '  SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      'SCAN (subquery-1)',
      'USE TEMP B-TREE FOR GROUP BY',
    ),
  },
};

describe.each([
  ['without statistics, as a fresh import leaves it', false],
  ['after optimizeAfterBulkWork', true],
])('hot-path query plans %s', (_, analysed) => {
  // One project for the whole block: the shared helpers remove theirs after every test.
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-plans-'));
    db = openProject(join(dir, 'project.sqlite'));
    fillProject(db);
    if (analysed) optimizeAfterBulkWork(db);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(analysed ? 'has statistics on spans and documents' : 'has no statistics on spans or documents', () => {
    const analysedTables = (db.prepare("SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl IN ('spans', 'documents') ORDER BY tbl").all() as { tbl: string }[]).map(
      (row) => row.tbl,
    );
    expect(analysedTables).toEqual(analysed ? ['documents', 'spans'] : []);
  });

  it.each(Object.entries(HOT_QUERIES))('%s', (_name, queries) => {
    for (const query of [queries].flat()) {
      expect(queryPlan(db, query.sql, ...query.params)).toBe(analysed ? (query.analysed ?? query.plan) : query.plan);
    }
  });
});
