/**
 * Fills a team database for the team sync benchmark: generated news documents
 * written by SQL (the hash and the length computed by PostgreSQL, as fast as
 * the database takes them), members added as `marginalia team user add` adds
 * them, and the lead's labels, annotators and assignments pushed through the
 * server's own push function in batches of 5,000, so every record, its seq,
 * its received change and the assignments table are what the server writes.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { formatHlc, ownedDocumentKey, type SyncRecord } from '../src/shared/sync.js';
import { openProject } from '../src/main/store/connection.js';
import { addMember, type Caller } from '../src/main/team-server/store/members.js';
import { push } from '../src/main/team-server/store/push.js';
import { log, secondsSince } from './measure.js';
import { Prng } from './prng.js';
import { TextMaker } from './text-maker.js';
import { removeDatabase } from './measure.js';

/** Documents per INSERT: a few MB of text. */
const DOCUMENTS_PER_INSERT = 2_000;
/** The server's limit per push. */
const RECORDS_PER_PUSH = 5_000;
const LEAD: Caller = { name: 'lead', role: 'lead' };

export interface TeamShape {
  readonly documents: number;
  /** Documents assigned to each annotator, by name; together they are every document, each assigned once. */
  readonly quotas: Readonly<Record<string, number>>;
}

export interface FillResult {
  readonly documents: number;
  readonly documentMb: number;
  readonly documentsSeconds: number;
  readonly members: number;
  readonly membersSeconds: number;
  readonly records: number;
  readonly pushes: number;
  readonly recordsSeconds: number;
  /** VACUUM ANALYZE after the fill, as autovacuum would get round to. */
  readonly vacuumSeconds: number;
  readonly seconds: number;
  readonly databaseMb: number;
  readonly tableMb: Readonly<Record<string, number>>;
  readonly tokens: Readonly<Record<string, string>>;
}

/** The annotators' names, a01…a20. */
export function annotatorNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `a${String(i + 1).padStart(2, '0')}`);
}

/**
 * Quotas: the first annotator gets `big`, the second `small`, the third `mid`
 * (so the first pull is measured at three sizes on one server), the others
 * share the rest evenly.
 */
export function teamShape(documents: number, sizes: { big: number; mid: number; small: number }, annotators = 20): TeamShape {
  const names = annotatorNames(annotators);
  const rest = documents - sizes.big - sizes.mid - sizes.small;
  const others = names.length - 3;
  const quotas: Record<string, number> = {};
  names.forEach((name, index) => {
    if (index === 0) quotas[name] = sizes.big;
    else if (index === 1) quotas[name] = sizes.small;
    else if (index === 2) quotas[name] = sizes.mid;
    else quotas[name] = Math.floor(rest / others) + (index - 3 < rest % others ? 1 : 0);
  });
  return { documents, quotas };
}

/** A news article: a headline, then two to five paragraphs. */
function article(maker: TextMaker): { title: string; text: string } {
  const title = maker.headline();
  const blocks = [title];
  const paragraphs = maker.prng.int(2, 5);
  for (let i = 0; i < paragraphs; i++) blocks.push(maker.paragraph());
  return { title, text: blocks.join('\n\n') };
}

const INSERT_DOCUMENTS = `
  INSERT INTO documents (hash, title, source, text, meta, length_cp)
  SELECT encode(sha256(convert_to(x.text, 'UTF8')), 'hex'), x.title, x.source, x.text, '{}'::jsonb, char_length(x.text)
    FROM unnest($1::text[], $2::text[], $3::text[]) AS x(title, source, text)
  ON CONFLICT (hash) DO NOTHING
  RETURNING hash`;

/** Writes `count` generated documents and returns their hashes in the order written. */
async function fillDocuments(pool: Pool, count: number, seed: number): Promise<{ hashes: string[]; bytes: number }> {
  const maker = new TextMaker(new Prng(seed));
  const client = await pool.connect();
  const hashes: string[] = [];
  let bytes = 0;
  let made = 0;
  let inFlight: Promise<{ rows: { hash: string }[] }> | null = null;
  let inFlightSize = 0;
  let lastLog = performance.now();
  try {
    while (hashes.length < count) {
      // Generate the next batch while the database writes the last one.
      // (A text made twice is stored once: the loop makes more until the count is reached.)
      const want = Math.min(DOCUMENTS_PER_INSERT, count - hashes.length - inFlightSize);
      const titles: string[] = [];
      const sources: string[] = [];
      const texts: string[] = [];
      for (let i = 0; i < Math.max(want, 0); i++) {
        const { title, text } = article(maker);
        made++;
        titles.push(title);
        sources.push(`news/${String(Math.floor(made / 1000)).padStart(4, '0')}/${String(made).padStart(7, '0')}.txt`);
        texts.push(text);
        bytes += Buffer.byteLength(text);
      }
      if (inFlight !== null) {
        const { rows } = await inFlight;
        for (const row of rows) hashes.push(row.hash);
        inFlight = null;
        inFlightSize = 0;
      }
      if (texts.length > 0) {
        inFlight = client.query<{ hash: string }>(INSERT_DOCUMENTS, [titles, sources, texts]);
        inFlightSize = texts.length;
        // Let the query go out before the next batch's generation holds the thread.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (performance.now() - lastLog > 15_000) {
        log(`team sync fill: ${hashes.length.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} documents`);
        lastLog = performance.now();
      }
    }
  } finally {
    client.release();
  }
  return { hashes: hashes.slice(0, count), bytes };
}

/**
 * Deals documents out by smooth weighted round robin: each annotator gets
 * exactly their quota, spread over the whole run of documents (and of seqs),
 * as dealing a corpus out in the workbench spreads them.
 */
function dealDocuments(hashes: readonly string[], quotas: Readonly<Record<string, number>>): { owner: string; document: string }[] {
  const names = Object.keys(quotas);
  const weights = names.map((name) => quotas[name] as number);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total !== hashes.length) throw new Error(`quotas add up to ${total}, not to the ${hashes.length} documents`);
  const current = weights.map(() => 0);
  return hashes.map((document) => {
    let best = 0;
    for (let i = 0; i < names.length; i++) {
      current[i] = (current[i] as number) + (weights[i] as number);
      if ((current[i] as number) > (current[best] as number)) best = i;
    }
    current[best] = (current[best] as number) - total;
    return { owner: names[best] as string, document };
  });
}

/** The lead's clock: a run of ticks from an hour ago, as one laptop's edits would be. */
function leadClock(): () => string {
  let wallMs = Date.now() - 3_600_000;
  let counter = 0;
  return () => {
    if (counter > 0xffff) {
      wallMs++;
      counter = 0;
    }
    return formatHlc({ wallMs, counter: counter++, node: 'benchlead' });
  };
}

function changeId(): string {
  return randomBytes(16).toString('hex');
}

/** The labels every new project has, as records (what publishing a fresh project would send). */
function labelRecords(workDir: string, tick: () => string): SyncRecord[] {
  const path = join(workDir, 'labels-source.sqlite');
  removeDatabase(path);
  const db = openProject(path);
  try {
    const rows = db.prepare('SELECT name, display_name, color, shortcut_key, position, names_things FROM labels ORDER BY position').all() as {
      name: string;
      display_name: string;
      color: string;
      shortcut_key: string | null;
      position: number;
      names_things: number;
    }[];
    return rows.map((row) => ({
      kind: 'label',
      key: row.name,
      owner: null,
      document: null,
      changeId: changeId(),
      hlc: tick(),
      data: { displayName: row.display_name, color: row.color, shortcutKey: row.shortcut_key, position: row.position, namesThings: row.names_things === 1 },
    }));
  } finally {
    db.close();
    removeDatabase(path);
  }
}

async function pushAll(pool: Pool, count: number, recordAt: (index: number) => SyncRecord): Promise<number> {
  let pushes = 0;
  let lastLog = performance.now();
  for (let at = 0; at < count; at += RECORDS_PER_PUSH) {
    const batch: SyncRecord[] = [];
    for (let index = at; index < Math.min(at + RECORDS_PER_PUSH, count); index++) batch.push(recordAt(index));
    await push(pool, LEAD, batch);
    pushes++;
    if (performance.now() - lastLog > 15_000) {
      log(`team sync fill: pushed ${(at + batch.length).toLocaleString('en-US')} of ${count.toLocaleString('en-US')} records`);
      lastLog = performance.now();
    }
  }
  return pushes;
}

const MB = (bytes: string | number): number => Number(bytes) / 1e6;

/** Fills a migrated, empty team database with `shape`. */
export async function fillTeam(pool: Pool, shape: TeamShape, workDir: string, seed: number): Promise<FillResult> {
  const started = performance.now();
  log(`team sync fill: ${shape.documents.toLocaleString('en-US')} documents`);
  const documentsStarted = performance.now();
  const { hashes, bytes } = await fillDocuments(pool, shape.documents, seed);
  const documentsSeconds = secondsSince(documentsStarted);
  log(`team sync fill: documents written in ${documentsSeconds.toFixed(0)} s`);

  const membersStarted = performance.now();
  const tokens: Record<string, string> = {};
  for (const [name, role] of [['lead', 'lead'] as const, ...Object.keys(shape.quotas).map((name) => [name, 'annotator'] as const)]) {
    tokens[name] = (await addMember(pool, { name, role })).token;
  }
  const membersSeconds = secondsSince(membersStarted);

  const recordsStarted = performance.now();
  const tick = leadClock();
  const assignedAt = new Date(Date.now() - 3_600_000).toISOString();
  const shared: SyncRecord[] = [
    ...labelRecords(workDir, tick),
    ...Object.keys(shape.quotas).map(
      (name, position): SyncRecord => ({ kind: 'annotator', key: name, owner: null, document: null, changeId: changeId(), hlc: tick(), data: { color: null, position } }),
    ),
  ];
  const deal = dealDocuments(hashes, shape.quotas);
  const assignment = ({ owner, document }: { owner: string; document: string }): SyncRecord => ({
    kind: 'assignment',
    key: ownedDocumentKey(owner, document),
    owner,
    document,
    changeId: changeId(),
    hlc: tick(),
    data: { assignedAt },
  });
  const recordCount = shared.length + deal.length;
  // Records are made a push at a time, in clock order: a million of them at once would be a large heap for nothing.
  const recordAt = (index: number): SyncRecord => (index < shared.length ? (shared[index] as SyncRecord) : assignment(deal[index - shared.length] as { owner: string; document: string }));
  const pushes = await pushAll(pool, recordCount, recordAt);
  const recordsSeconds = secondsSince(recordsStarted);
  log(`team sync fill: ${recordCount.toLocaleString('en-US')} records pushed in ${recordsSeconds.toFixed(0)} s`);

  const vacuumStarted = performance.now();
  await pool.query('VACUUM (ANALYZE)');
  const vacuumSeconds = secondsSince(vacuumStarted);

  const { rows } = await pool.query<{ database: string; documents: string; records: string; assignments: string }>(
    `SELECT pg_database_size(current_database()) AS database, pg_total_relation_size('documents') AS documents,
            pg_total_relation_size('records') AS records, pg_total_relation_size('assignments') AS assignments`,
  );
  const sizes = rows[0] as { database: string; documents: string; records: string; assignments: string };
  return {
    documents: hashes.length,
    documentMb: MB(bytes),
    documentsSeconds,
    members: Object.keys(tokens).length,
    membersSeconds,
    records: recordCount,
    pushes,
    recordsSeconds,
    vacuumSeconds,
    seconds: secondsSince(started),
    databaseMb: MB(sizes.database),
    tableMb: { documents: MB(sizes.documents), records: MB(sizes.records), assignments: MB(sizes.assignments) },
    tokens,
  };
}
