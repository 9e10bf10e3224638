/**
 * A team through a real PostgreSQL-backed server: a lead publishes, two
 * annotators (one of them on two laptops) and a curator join, everyone edits
 * offline through the workbench's own operations, and syncs. Each test ends
 * by comparing every project's content with what its member may see of the
 * others'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'pg';
import { joinTeam, publishProject } from '../../src/main/team-client/publish-join.js';
import { syncProject } from '../../src/main/team-client/sync-run.js';
import type { TeamServer as ServerAddress } from '../../src/main/team-client/team-http.js';
import { startTeamServer, type TeamServer } from '../../src/main/team-server/http/server.js';
import { openProject, type Db } from '../../src/main/store/connection.js';
import { contentHash, insertDocument } from '../../src/main/store/documents.js';
import { statement } from '../../src/main/store/statements.js';
import { apiCaller, jobFinished, type ApiCall } from '../helpers/api.js';
import { useTestCluster } from '../helpers/postgres.js';
import { createTestProject, tempDir } from '../helpers/project.js';
import { members } from '../unit/team-server-support.js';
import { openTeamPool } from '../../src/main/team-server/database.js';
import { migrateTeamDatabase } from '../../src/main/team-server/migrate.js';
import { join } from 'node:path';

const cluster = useTestCluster();

/** Short notes written for this test; each names a hospital, a date and a figure. */
const NOTES = [
  'Ward note one. Riverside Hospital admitted 14 patients on 2 May 2024 after the storm. 🌧 The night shift doubled.',
  'Ward note two. At Riverside Hospital the new scanner ran 40 scans on 3 May 2024.\r\nStaff said the queue was shorter.',
  'Ward note three. Hill Clinic sent 6 nurses to Riverside Hospital on 4 May 2024 to help with the backlog.',
  'Ward note four. The district health office counted 1,200 visits at Hill Clinic in April 2024. 𝄞 A choir sang at the opening.',
];

interface Laptop {
  readonly name: string;
  readonly path: string;
  db: Db;
  call: ApiCall;
}

let pool: Pool;
let server: TeamServer;
let tokens: Record<string, string>;
const opened: Db[] = [];

function address(member: string): ServerAddress {
  return { url: server.url, token: tokens[member] as string };
}

function open(name: string, path: string): Laptop {
  const db = openProject(path);
  opened.push(db);
  return { name, path, db, call: apiCaller(db, path) };
}

/** The lead's project: the notes, two annotators, and the work dealt out with one note in common. */
async function leadProject(): Promise<Laptop> {
  const { dbPath, db } = createTestProject();
  for (const [n, text] of NOTES.entries()) insertDocument(db, { title: `Note ${n + 1}`, source: `note-${n + 1}.txt`, text, meta: {} });
  const lead = { name: 'lead', path: dbPath, db, call: apiCaller(db, dbPath) };
  await lead.call('annotators:create', { name: 'ann' });
  await lead.call('annotators:create', { name: 'bob' });
  // ann: notes 1–2; bob: notes 2–3; note 4 is nobody's.
  await lead.call('assignments:make', { annotators: ['ann'], share: 'all', documentIds: [1, 2] });
  await lead.call('assignments:make', { annotators: ['bob'], share: 'all', documentIds: [2, 3] });
  return lead;
}

function idOf(db: Db, text: string): number {
  return statement(db, 'SELECT id FROM documents WHERE text = ?').pluck().get(text) as number;
}

/** Tags the first occurrence of `surface` in the note as `label`, as the workbench does. */
async function tag(laptop: Laptop, note: number, surface: string, label: string): Promise<number> {
  const text = NOTES[note - 1] as string;
  const startCp = [...text.slice(0, text.indexOf(surface))].length;
  const span = await laptop.call('spans:create', {
    documentId: idOf(laptop.db, text),
    startCp,
    endCp: startCp + [...surface].length,
    label,
    annotator: laptop.name.replace(/-.*/, ''),
  });
  return span.id;
}

/** Every span of the project as the team knows it: by uid, with its document's hash instead of the local id. */
function spans(db: Db): Record<string, unknown>[] {
  return statement(
    db,
    `SELECT s.uid, d.content_hash AS document, s.start_cp, s.end_cp, s.label, s.annotator, s.status, s.note, s.value, e.uid AS entity
       FROM spans s JOIN documents d ON d.id = s.document_id LEFT JOIN entities e ON e.id = s.entity_id ORDER BY s.uid`,
  ).all() as Record<string, unknown>[];
}

function progress(db: Db): unknown[] {
  return statement(db, 'SELECT p.annotator, d.content_hash AS document FROM document_progress p JOIN documents d ON d.id = p.document_id ORDER BY 1, 2').all();
}

function assignments(db: Db): unknown[] {
  return statement(db, 'SELECT a.annotator, d.content_hash AS document FROM assignments a JOIN documents d ON d.id = a.document_id ORDER BY 1, 2').all();
}

function labels(db: Db): unknown[] {
  return statement(db, 'SELECT name, display_name, color FROM labels ORDER BY name').all();
}

beforeAll(async () => {
  // One database for the file, not one per test: the laptops' projects follow it from test to test.
  pool = openTeamPool(await cluster().createDatabase());
  await migrateTeamDatabase(pool);
  const team = await members(pool, { lead: 'lead', ann: 'annotator', bob: 'annotator', cora: 'curator' });
  tokens = Object.fromEntries(Object.entries(team).map(([name, member]) => [name, member.token]));
  server = await startTeamServer({ pool, loginDelayMs: 10, log: () => undefined });
});

afterAll(async () => {
  for (const db of opened) if (db.open) db.close();
  await server?.close();
  await pool?.end();
});

describe('a team syncing through the server', () => {
  it('publishes, joins, edits offline on every laptop and converges, nothing lost', async () => {
    const lead = await leadProject();
    await tag(lead, 4, 'Hill Clinic', 'HOSPITAL');
    const published = await publishProject(lead.db, address('lead'));
    expect(published.documents).toBe(4);
    expect(published.sync.pushed).toBeGreaterThan(0);

    const dir = tempDir();
    const joined: Record<string, Laptop> = {};
    for (const [laptop, member] of [
      ['ann-1', 'ann'],
      ['ann-2', 'ann'],
      ['bob', 'bob'],
      ['cora', 'cora'],
    ] as const) {
      const path = join(dir, `${laptop}.sqlite`);
      const report = await joinTeam(path, address(member));
      // An annotator gets the documents assigned to them; the curator every one.
      expect(report.documents).toBe(member === 'cora' ? 4 : 2);
      joined[laptop] = open(laptop, path);
    }
    const ann1 = joined['ann-1'] as Laptop;
    const ann2 = joined['ann-2'] as Laptop;
    const bob = joined.bob as Laptop;
    const cora = joined.cora as Laptop;
    expect(assignments(ann1.db)).toEqual(assignments(lead.db).filter((row) => (row as { annotator: string }).annotator === 'ann'));
    expect(labels(bob.db)).toEqual(labels(lead.db));

    // Offline: ann tags on one laptop, then on the other; bob tags the note they share; bob marks it done.
    await tag(ann1, 1, 'Riverside Hospital', 'HOSPITAL');
    await tag(ann2, 2, '3 May 2024', 'DATE');
    await tag(ann2, 2, 'Riverside Hospital', 'HOSPITAL');
    await ann2.call('documents:setDone', { id: idOf(ann2.db, NOTES[1] as string), done: true, annotator: 'ann' });
    const bobsSpan = await tag(bob, 2, 'Riverside Hospital', 'HOSPITAL');
    await bob.call('spans:update', { id: bobsSpan, note: 'the one with the scanner' });
    await bob.call('documents:setDone', { id: idOf(bob.db, NOTES[1] as string), done: true, annotator: 'bob' });

    // Everyone syncs twice (the first laptop to sync cannot see what the later ones push until its next round).
    for (let round = 0; round < 2; round++) for (const laptop of [ann1, ann2, bob, cora, lead]) await syncProject(laptop.db);

    // The curator and the lead have everyone's work; their projects are the same.
    expect(spans(cora.db)).toEqual(spans(lead.db));
    expect(progress(cora.db)).toEqual(progress(lead.db));
    expect(progress(cora.db)).toEqual([
      { annotator: 'ann', document: contentHash(NOTES[1] as string) },
      { annotator: 'bob', document: contentHash(NOTES[1] as string) },
    ]);
    expect(spans(cora.db).map((span) => span.annotator).sort()).toEqual(['ann', 'ann', 'ann', 'bob', 'lead']);
    // ann's two laptops agree, and hold ann's spans only (blind annotation: two annotators).
    expect(spans(ann1.db)).toEqual(spans(ann2.db));
    expect(spans(ann1.db)).toEqual(spans(cora.db).filter((span) => span.annotator === 'ann'));
    // bob's note arrived with its note text; bob sees none of ann's spans on the note they share.
    expect(spans(bob.db)).toEqual(spans(cora.db).filter((span) => span.annotator === 'bob'));
    expect(spans(cora.db).find((span) => span.annotator === 'bob')).toMatchObject({ note: 'the one with the scanner' });
    // Nothing waits to go up anywhere.
    for (const laptop of [ann1, ann2, bob, cora, lead]) expect((await laptop.call('sync:status', {})).waiting).toBe(0);

    // The curator's workbench has the whole team's work: agreement, the overview, and adjudication, which syncs back.
    const agreement = await cora.call('agreement:measure', { annotators: ['ann', 'bob'], labels: ['HOSPITAL'] });
    expect(agreement.annotators).toEqual(['ann', 'bob']);
    // The design: note 2 is the one assigned to both, and both marked it done on their laptops.
    expect(agreement).toMatchObject({ documentsCompared: 1, design: { assigned: 1, done: 1 } });
    expect(agreement.spans).toMatchObject({ spansA: 1, spansB: 1, exactMatches: 1 });
    const overview = await cora.call('overview:get', {});
    expect(overview.annotatorProgress.find((row) => row.annotator === 'bob')).toMatchObject({ done: 1 });
    const adjudicated = await cora.call('adjudication:acceptAgreed', { documentId: idOf(cora.db, NOTES[1] as string), annotators: ['ann', 'bob'] });
    expect(adjudicated.created).toBe(1);
    await syncProject(cora.db);
    await syncProject(lead.db);
    expect(spans(lead.db).filter((span) => span.annotator === 'adjudicated')).toMatchObject([{ label: 'HOSPITAL', document: contentHash(NOTES[1] as string) }]);
    expect(spans(lead.db)).toEqual(spans(cora.db));
  });

  it('syncs from the workbench as a job, and refuses a project without a team', async () => {
    const { db, dbPath } = createTestProject();
    const call = apiCaller(db, dbPath);
    expect(await call('sync:status', {})).toMatchObject({ joined: false, waiting: 0 });
    await expect(call('sync:run', {})).rejects.toThrow(/not part of a team/);

    const path = join(tempDir(), 'cora-2.sqlite');
    await joinTeam(path, address('cora'));
    const cora = open('cora', path);
    const span = await tag(cora, 3, 'Hill Clinic', 'HOSPITAL');
    expect((await cora.call('sync:status', {})).waiting).toBeGreaterThan(0);
    const { jobId } = await cora.call('sync:run', {});
    const finished = await jobFinished(cora.call, jobId);
    expect(finished).toMatchObject({ kind: 'sync', state: 'done', unit: 'change' });
    expect(finished.summary).toMatch(/^pushed \d+ changes?/);
    expect(await cora.call('sync:status', {})).toMatchObject({ joined: true, member: 'cora', role: 'curator', waiting: 0, lastError: null });
    const uid = statement(cora.db, 'SELECT uid FROM spans WHERE id = ?').pluck().get(span) as string;
    const stored = await pool.query('SELECT owner, deleted FROM records WHERE kind = $1 AND key = $2', ['span', uid]);
    expect(stored.rows).toEqual([{ owner: 'cora', deleted: false }]);
  });

  it('keeps a change the role may not send on the laptop, and sends the rest', async () => {
    const path = join(tempDir(), 'ann-3.sqlite');
    await joinTeam(path, address('ann'));
    const ann = open('ann', path);
    // An annotator renames a label on their laptop (only curators and the lead may), and tags a span.
    await ann.call('labels:update', { name: 'DATE', displayName: 'When' });
    const span = await tag(ann, 1, '2 May 2024', 'DATE');
    const report = await syncProject(ann.db);
    expect(report.setAside).toBe(1);
    const status = await ann.call('sync:status', {});
    expect(status).toMatchObject({ waiting: 0, setAside: 1, lastError: null });
    expect(status.setAsideReason).toMatch(/^kept on this laptop: an annotator may not change labels/);
    // The span went up; the team's label did not change.
    const uid = statement(ann.db, 'SELECT uid FROM spans WHERE id = ?').pluck().get(span) as string;
    expect((await pool.query("SELECT count(*)::int AS n FROM records WHERE kind = 'span' AND key = $1", [uid])).rows).toEqual([{ n: 1 }]);
    expect((await pool.query("SELECT data->>'displayName' AS name FROM records WHERE kind = 'label' AND key = 'DATE'")).rows).toEqual([{ name: 'Date' }]);
  });
});
