/**
 * The figures behind the Overview view's charts, each computed in SQL over the
 * whole project. Every query below reads an index or makes one pass over a
 * table (see EXPLAIN QUERY PLAN in the tests), so the overview of a
 * 100,000-document project stays quick; agreement, which tokenises texts, is
 * the slow part and comes last.
 */
import type { OverviewDto } from '../../shared/api.js';
import { ADJUDICATOR } from '../../shared/model.js';
import { UserError } from '../errors.js';
import { measureAgreement } from '../teams/agreement.js';
import { agreementDesign } from '../teams/agreement-design.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** How many entities each label shows at most. */
export const TOP_ENTITIES_PER_LABEL = 10;

/** The overview's statements, named so tests can read their query plans. */
export const OVERVIEW_SQL = {
  // Grouping by (label, status) is read straight off the spans_by_label index.
  spansByLabelAndStatus: 'SELECT label, status, count(*) AS n FROM spans GROUP BY label, status',
  // done_at is an ISO 8601 UTC timestamp: its first ten characters are the UTC day. A
  // document counts on the day its first annotator marked it done (done is each annotator's own).
  doneByDay: `SELECT substr(first_done, 1, 10) AS day, count(*) AS done FROM
       (SELECT min(done_at) AS first_done FROM document_progress GROUP BY document_id)
     GROUP BY day ORDER BY day`,
  // Each annotator's done marks per day, read along the primary key (annotator first).
  doneByAnnotatorAndDay: `SELECT annotator, substr(done_at, 1, 10) AS day, count(*) AS done, min(done_at) AS first_at, max(done_at) AS last_at
     FROM document_progress WHERE annotator != '' GROUP BY annotator, day ORDER BY annotator, day`,
  // One pass over the spans, in document order along the unique index.
  documentsBySpanCount: `SELECT spans, count(*) AS documents FROM
       (SELECT count(*) AS spans FROM spans WHERE status = 'accepted' GROUP BY document_id)
     GROUP BY spans ORDER BY spans`,
  // Entity by entity, only linked spans are read, through the spans_by_entity index
  // (CROSS JOIN keeps SQLite from scanning every span instead).
  topEntities: `SELECT t.label AS label, t.id AS id, t.name AS name, t.mentions AS mentions FROM (
       SELECT e.label AS label, e.id AS id, e.name AS name, count(*) AS mentions,
         row_number() OVER (PARTITION BY e.label ORDER BY count(*) DESC, e.name, e.id) AS place
       FROM entities e CROSS JOIN spans s ON s.entity_id = e.id
       WHERE s.status = 'accepted'
       GROUP BY e.id) t
     LEFT JOIN labels l ON l.name = t.label
     WHERE t.place <= ?
     ORDER BY l.position, t.label, t.place`,
  clustersBySize: `SELECT size, count(*) AS clusters FROM
       (SELECT count(*) AS size FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id
        WHERE c.status != 'rejected' GROUP BY m.cluster_id)
     GROUP BY size ORDER BY size`,
} as const;

export type SpansPerLabel = OverviewDto['spansPerLabel'];
export type DocumentsDone = OverviewDto['documentsDone'];
export type SpansPerDocument = OverviewDto['spansPerDocument'];
export type TopEntities = OverviewDto['topEntities'];
export type OverviewAgreement = OverviewDto['agreement'];
export type DuplicateClusterSizes = OverviewDto['duplicateClusters'];

/** Spans of every label by status, labels in the project's order (a label without spans counts zeros). */
export function spansPerLabel(db: Db): SpansPerLabel {
  const counts = statement(db, OVERVIEW_SQL.spansByLabelAndStatus).all() as {
    label: string;
    status: 'accepted' | 'suggested' | 'rejected';
    n: number;
  }[];
  const labels = (statement(db, 'SELECT name FROM labels ORDER BY position, name').all() as { name: string }[]).map((row) => row.name);
  const byLabel = new Map(labels.map((label) => [label, { label, accepted: 0, suggested: 0, rejected: 0 }]));
  for (const { label, status, n } of counts) {
    // The foreign key keeps every span's label in the labels table; a stray one still gets its bar.
    let row = byLabel.get(label);
    if (!row) byLabel.set(label, (row = { label, accepted: 0, suggested: 0, rejected: 0 }));
    row[status] += n;
  }
  return [...byLabel.values()];
}

/**
 * Each annotator's progress: done marks per UTC day with the running total, their
 * queue, and their throughput in documents per hour. Throughput counts only the
 * time between a day's first and last mark (the gaps between days are not
 * work), and a day of one mark tells no rate, so it is null until a day has two.
 */
export function annotatorProgress(db: Db): OverviewDto['annotatorProgress'] {
  const rows = statement(db, OVERVIEW_SQL.doneByAnnotatorAndDay).all() as { annotator: string; day: string; done: number; first_at: string; last_at: string }[];
  const queues = new Map(
    (statement(db, 'SELECT annotator, count(*) AS n FROM assignments GROUP BY annotator').raw(true).all() as [string, number][]).map(([name, n]) => [name, n]),
  );
  const byAnnotator = new Map<string, { days: { day: string; done: number; cumulative: number }[]; steps: number; hours: number }>();
  for (const row of rows) {
    const entry = byAnnotator.get(row.annotator) ?? { days: [], steps: 0, hours: 0 };
    const cumulative = (entry.days.at(-1)?.cumulative ?? 0) + row.done;
    entry.days.push({ day: row.day, done: row.done, cumulative });
    const hours = (Date.parse(row.last_at) - Date.parse(row.first_at)) / 3_600_000;
    if (row.done >= 2 && hours > 0) {
      entry.steps += row.done - 1;
      entry.hours += hours;
    }
    byAnnotator.set(row.annotator, entry);
  }
  const names = [...new Set([...byAnnotator.keys(), ...queues.keys()])].sort();
  return names.map((annotator) => {
    const entry = byAnnotator.get(annotator);
    return {
      annotator,
      done: entry?.days.at(-1)?.cumulative ?? 0,
      assigned: queues.get(annotator) ?? 0,
      documentsPerHour: entry && entry.hours > 0 ? entry.steps / entry.hours : null,
      days: entry?.days ?? [],
    };
  });
}

/** Documents marked done per UTC day, oldest first, with the running total. */
export function documentsDone(db: Db): DocumentsDone {
  const days = statement(db, OVERVIEW_SQL.doneByDay).all() as { day: string; done: number }[];
  let cumulative = 0;
  return days.map(({ day, done }) => ({ day, done, cumulative: (cumulative += done) }));
}

/**
 * Where the buckets of the spans-per-document histogram start, plus where the
 * last one ends (exclusive): 0 and 1 on their own, then 1-2-5 steps (2–4, 5–9,
 * 10–19, 20–49, 50–99, …), which keep the bars few whatever the largest count.
 */
export function histogramBounds(largest: number): number[] {
  const bounds = [0];
  // 1, 2, 5, 10, 20, 50, …: step k is [1, 2, 5][k mod 3] · 10^⌊k / 3⌋.
  for (let k = 0; (bounds.at(-1) as number) <= largest; k++) bounds.push([1, 2, 5][k % 3]! * 10 ** Math.floor(k / 3));
  return bounds;
}

/**
 * How many documents hold 0, 1, 2–4, 5–9… accepted spans: every document counts,
 * those without a span too, and empty buckets between filled ones are kept so
 * the bars show the real shape.
 */
export function spansPerDocument(db: Db): SpansPerDocument {
  const documents = (statement(db, 'SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  if (documents === 0) return [];
  const perCount = statement(db, OVERVIEW_SQL.documentsBySpanCount).all() as { spans: number; documents: number }[];
  const bounds = histogramBounds(perCount.at(-1)?.spans ?? 0);
  const buckets = bounds.slice(0, -1).map((min, i) => ({ min, max: (bounds[i + 1] as number) - 1, documents: 0 }));
  let withSpans = 0;
  for (const row of perCount) {
    withSpans += row.documents;
    // Buckets ascend: the last one starting at or below the count holds it.
    const bucket = buckets.findLast((b) => b.min <= row.spans);
    if (bucket) bucket.documents += row.documents;
  }
  (buckets[0] as { documents: number }).documents = documents - withSpans;
  return buckets;
}

/** The entities of each label with the most accepted mentions (ties by name), labels in the project's order. */
export function topEntities(db: Db, perLabel = TOP_ENTITIES_PER_LABEL): TopEntities {
  const rows = statement(db, OVERVIEW_SQL.topEntities).all(perLabel) as { label: string; id: number; name: string; mentions: number }[];
  const byLabel = new Map<string, TopEntities[number]['entities'][number][]>();
  for (const { label, id, name, mentions } of rows) {
    let entities = byLabel.get(label);
    if (!entities) byLabel.set(label, (entities = []));
    entities.push({ id, name, mentions });
  }
  return [...byLabel].map(([label, entities]) => ({ label, entities }));
}

/** Duplicate clusters that are not rejected, counted by how many members each has. */
export function duplicateClusterSizes(db: Db): DuplicateClusterSizes {
  return statement(db, OVERVIEW_SQL.clustersBySize).all() as { size: number; clusters: number }[];
}

/** People who accepted or rejected spans: the adjudicated result is not an annotator to compare. */
export function overviewAnnotators(db: Db): string[] {
  return (
    statement(
      db,
      "SELECT DISTINCT annotator FROM spans WHERE annotator NOT IN ('', ?) AND status IN ('accepted', 'rejected') ORDER BY annotator",
    ).all(ADJUDICATOR) as { annotator: string }[]
  ).map((row) => row.annotator);
}

/** Agreement of every pair of annotators for the heat map; null with fewer than two. */
export function agreementPairs(db: Db): OverviewAgreement {
  const annotators = overviewAnnotators(db);
  if (annotators.length < 2) return null;
  try {
    // With assignments, the pairs compare what the design gave both and both finished, as the Agreement view does.
    const design = agreementDesign(db, annotators);
    const report = measureAgreement(db, design ? { annotators, documentIds: design.documentIds, annotatedBy: design.annotatedBy } : { annotators });
    return {
      annotators: [...report.annotators],
      pairs: report.pairs.map((pair) => ({
        a: pair.annotators[0],
        b: pair.annotators[1],
        kappa: pair.kappa.kappa,
        exactF1: pair.exactF1,
        documents: pair.documents,
      })),
    };
  } catch (error) {
    // Nothing to compare is a state of the project, not a failure of the overview.
    if (error instanceof UserError) return null;
    throw error;
  }
}

/** Every figure of the Overview view, read in one snapshot of the project. */
export function projectOverview(db: Db): OverviewDto {
  return db.transaction(() => ({
    spansPerLabel: spansPerLabel(db),
    documentsDone: documentsDone(db),
    annotatorProgress: annotatorProgress(db),
    spansPerDocument: spansPerDocument(db),
    topEntities: topEntities(db),
    duplicateClusters: duplicateClusterSizes(db),
    // Last: it tokenises every compared document and takes seconds on a large project.
    agreement: agreementPairs(db),
  }))();
}
