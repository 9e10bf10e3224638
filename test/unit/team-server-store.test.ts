import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import { formatHlc, type SyncRecord } from '../../src/shared/sync.js';
import { documentsByHash, documentsPage, putDocuments } from '../../src/main/team-server/store/documents.js';
import { addMember, authenticate, listMembers, revokeMember, tokenHash } from '../../src/main/team-server/store/members.js';
import { serverClock } from '../../src/main/team-server/store/project.js';
import { pull, pullDocument } from '../../src/main/team-server/store/pull.js';
import { push } from '../../src/main/team-server/store/push.js';
import { RequestRefused } from '../../src/main/team-server/store/refusals.js';
import { useTestCluster } from '../helpers/postgres.js';
import {
  annotatorRecord,
  assignmentRecord,
  document,
  entityRecord,
  hlc,
  labelRecord,
  members,
  progressRecord,
  settingRecord,
  spanRecord,
  teamDatabase,
} from './team-server-support.js';

const cluster = useTestCluster();

const lead = { name: 'lena', role: 'lead' } as const;
const curator = { name: 'cora', role: 'curator' } as const;
const ann = { name: 'ann', role: 'annotator' } as const;
const bob = { name: 'bob', role: 'annotator' } as const;

const docA = document('Meals reached Hue Central Hospital today', 'A');
const docB = document('The clinic in Da Nang opened on 3 May', 'B');
const docC = document('Figures: 12 beds, 4 doctors', 'C');

async function projectWithDocuments(): Promise<Pool> {
  const { pool } = await teamDatabase(cluster());
  await putDocuments(pool, [docA, docB, docC]);
  return pool;
}

/** Every stored record, as a comparable list. */
async function storedRecords(pool: Pool): Promise<unknown[]> {
  const { rows } = await pool.query('SELECT kind, key, seq::int, hlc, change_id, author, owner, document, deleted, data FROM records ORDER BY kind, key');
  return rows;
}

async function refusal(promise: Promise<unknown>): Promise<RequestRefused> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RequestRefused) return error;
    throw error;
  }
  throw new Error('the request was not refused');
}

/** Keys of the records a member pulls, all pages. */
async function pulledKeys(pool: Pool, caller: { name: string; role: 'annotator' | 'curator' | 'lead' }): Promise<string[]> {
  const keys: string[] = [];
  let after = 0;
  for (;;) {
    const page = await pull(pool, caller, after, 1000);
    keys.push(...page.records.map((record) => `${record.kind}:${record.key}`));
    after = page.next;
    if (!page.more) return keys.sort();
  }
}

describe('team members', () => {
  it('keep only the hash of a token, given out once', async () => {
    const { pool } = await teamDatabase(cluster());
    const { member, token } = await addMember(pool, { name: 'ann', role: 'annotator' });
    expect(member).toMatchObject({ name: 'ann', role: 'annotator', revokedAt: null });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await pool.query<{ token_hash: string }>('SELECT token_hash FROM members');
    expect(rows).toEqual([{ token_hash: tokenHash(token) }]);
    expect(rows[0]?.token_hash).not.toContain(token);
    // Nowhere in the database, in any column of any table.
    const dump = await pool.query(`SELECT to_jsonb(m)::text AS row FROM members m UNION ALL SELECT to_jsonb(p)::text FROM project p`);
    expect(JSON.stringify(dump.rows)).not.toContain(token);
    expect(await authenticate(pool, token)).toEqual({ name: 'ann', role: 'annotator' });
  });

  it('refuse unknown and revoked tokens, and a revoked member added again gets a new one', async () => {
    const { pool } = await teamDatabase(cluster());
    const { token } = await addMember(pool, { name: 'ann', role: 'annotator' });
    expect(await authenticate(pool, 'not-a-token')).toBeNull();
    expect(await authenticate(pool, '')).toBeNull();
    await expect(addMember(pool, { name: 'ann', role: 'lead' })).rejects.toThrow(/already a member; revoke them first/);
    await revokeMember(pool, 'ann');
    expect(await authenticate(pool, token)).toBeNull();
    const again = await addMember(pool, { name: 'ann', role: 'curator' });
    expect(again.token).not.toBe(token);
    expect(await authenticate(pool, token)).toBeNull();
    expect(await authenticate(pool, again.token)).toEqual({ name: 'ann', role: 'curator' });
    await expect(revokeMember(pool, 'nobody')).rejects.toThrow(/no member is named "nobody"/);
  });

  it('are listed with their roles, and "adjudicated" is not a name a member may take', async () => {
    const { pool } = await teamDatabase(cluster());
    await members(pool, { bob: 'annotator', ann: 'lead' });
    await revokeMember(pool, 'bob');
    expect((await listMembers(pool)).map((m) => [m.name, m.role, m.revokedAt !== null])).toEqual([
      ['ann', 'lead', false],
      ['bob', 'annotator', true],
    ]);
    await expect(addMember(pool, { name: 'adjudicated', role: 'annotator' })).rejects.toThrow(/owner of adjudicated spans/);
    await expect(addMember(pool, { name: '  ', role: 'annotator' })).rejects.toThrow(/needs a name/);
  });
});

describe('team documents', () => {
  it('are added once, named by the hash of their text', async () => {
    const { pool } = await teamDatabase(cluster());
    expect(await putDocuments(pool, [docA, docB])).toEqual({ added: 2, present: 0 });
    expect(await putDocuments(pool, [docB, docC])).toEqual({ added: 1, present: 1 });
    const { rows } = await pool.query('SELECT title, length_cp, meta FROM documents WHERE hash = $1', [docA.hash]);
    expect(rows).toEqual([{ title: 'A', length_cp: [...docA.text].length, meta: { from: 'test' } }]);
    const wrong = await refusal(putDocuments(pool, [{ ...docA, text: 'other text' }]));
    expect(wrong.status).toBe(422);
    expect(wrong.message).toContain('is not the SHA-256 of the document');
    expect((await refusal(putDocuments(pool, [document('nul \u0000 here')]))).message).toMatch(/documents\.0\.text: holds a NUL character/);
  });

  it('are shown to an annotator by their assignments, once there are any', async () => {
    const pool = await projectWithDocuments();
    const all = [docA, docB, docC].map((d) => d.hash).sort();
    const page = async (caller: typeof ann | typeof lead, limit: number) => {
      const hashes: string[] = [];
      let after: string | null = null;
      for (;;) {
        const result = await documentsPage(pool, caller, after, limit);
        hashes.push(...result.documents.map((d) => d.hash));
        if (result.next === null) return hashes;
        after = result.next;
      }
    };
    expect(await page(ann, 2)).toEqual(all);
    await push(pool, lead, [assignmentRecord({ owner: 'ann', document: docB.hash }), assignmentRecord({ owner: 'bob', document: docC.hash })]);
    expect(await page(ann, 2)).toEqual([docB.hash]);
    expect(await page(ann, 1)).toEqual([docB.hash]);
    expect(await page(lead, 2)).toEqual(all);
    expect((await documentsByHash(pool, ann, [docA.hash, docB.hash, docC.hash])).map((d) => d.hash)).toEqual([docB.hash]);
    expect((await documentsByHash(pool, curator, [docA.hash, docC.hash])).map((d) => d.title)).toEqual(
      [docA, docC].sort((x, y) => (x.hash < y.hash ? -1 : 1)).map((d) => d.title),
    );
  });
});

describe('team push', () => {
  it('applies a batch once: sent again, every change counts as superseded and nothing changes', async () => {
    const pool = await projectWithDocuments();
    const batch = [labelRecord({ name: 'HOSPITAL', hlc: hlc(1) }), spanRecord({ owner: 'ann', document: docA.hash, hlc: hlc(2) }), entityRecord({ hlc: hlc(3) })];
    expect(await push(pool, curator, batch)).toEqual({ applied: 3, superseded: 0, hlc: hlc(3) });
    const state = await storedRecords(pool);
    expect(await push(pool, curator, batch)).toEqual({ applied: 0, superseded: 3, hlc: hlc(3) });
    expect(await storedRecords(pool)).toEqual(state);
    // Sent again within one push, a change is still applied once.
    const span = spanRecord({ owner: 'ann', document: docA.hash, hlc: hlc(4) });
    expect(await push(pool, curator, [span, span])).toEqual({ applied: 1, superseded: 1, hlc: hlc(4) });
    const seqs = (await pool.query<{ seq: string }>('SELECT seq FROM records ORDER BY seq')).rows;
    expect(await push(pool, curator, [span])).toEqual({ applied: 0, superseded: 1, hlc: hlc(4) });
    expect((await pool.query<{ seq: string }>('SELECT seq FROM records ORDER BY seq')).rows).toEqual(seqs);
  });

  it('keeps the edit with the larger clock, whatever order edits arrive in', async () => {
    const pool = await projectWithDocuments();
    const key = 'HOSPITAL';
    expect((await push(pool, curator, [labelRecord({ name: key, displayName: 'Newer', hlc: hlc(20) })])).applied).toBe(1);
    const older = labelRecord({ name: key, displayName: 'Older', hlc: hlc(10) });
    expect(await push(pool, lead, [older])).toEqual({ applied: 0, superseded: 1, hlc: hlc(20) });
    let rows = await storedRecords(pool);
    expect(rows).toMatchObject([{ key, author: 'cora', data: { displayName: 'Newer' } }]);

    // Same wall time: the counter, then the node, decide.
    expect((await push(pool, lead, [labelRecord({ name: key, displayName: 'Counter', hlc: hlc(20, 1, 'a') })])).applied).toBe(1);
    expect((await push(pool, lead, [labelRecord({ name: key, displayName: 'Node', hlc: hlc(20, 1, 'b') })])).applied).toBe(1);
    expect((await push(pool, lead, [labelRecord({ name: key, displayName: 'Loses', hlc: hlc(20, 0, 'zz') })])).applied).toBe(0);
    rows = await storedRecords(pool);
    expect(rows).toMatchObject([{ data: { displayName: 'Node' }, author: 'lena' }]);

    // In one batch the larger clock wins too, wherever it stands.
    const outcome = await push(pool, lead, [labelRecord({ name: 'DATE', displayName: 'Late', hlc: hlc(40) }), labelRecord({ name: 'DATE', displayName: 'Early', hlc: hlc(30) })]);
    expect(outcome).toEqual({ applied: 1, superseded: 1, hlc: hlc(40) });
    expect((await pool.query(`SELECT data->>'displayName' AS name FROM records WHERE key = 'DATE'`)).rows).toEqual([{ name: 'Late' }]);
  });

  it('keeps a later deletion as a tombstone, and an earlier one loses', async () => {
    const pool = await projectWithDocuments();
    const key = 'a'.repeat(32);
    await push(pool, ann, [spanRecord({ key, owner: 'ann', document: docA.hash, hlc: hlc(10) })]);
    expect((await push(pool, ann, [spanRecord({ key, owner: 'ann', document: docA.hash, hlc: hlc(5), deleted: true })])).applied).toBe(0);
    expect((await storedRecords(pool))[0]).toMatchObject({ deleted: false });
    expect((await push(pool, ann, [spanRecord({ key, owner: 'ann', document: docA.hash, hlc: hlc(15), deleted: true })])).applied).toBe(1);
    expect(await storedRecords(pool)).toMatchObject([{ key, deleted: true, data: null, owner: 'ann', document: docA.hash }]);
    // An edit made before the deletion, arriving after it, does not bring the span back.
    expect((await push(pool, ann, [spanRecord({ key, owner: 'ann', document: docA.hash, hlc: hlc(12) })])).applied).toBe(0);
    const page = await pull(pool, lead, 0, 10);
    expect(page.records).toMatchObject([{ kind: 'span', key, data: null, author: 'ann', hlc: hlc(15) }]);
  });

  it('gives each applied record a new seq in push order, past every earlier one', async () => {
    const pool = await projectWithDocuments();
    await push(pool, lead, [labelRecord({ name: 'C' }), labelRecord({ name: 'A' }), labelRecord({ name: 'B' })]);
    const first = await pool.query<{ key: string; seq: number }>('SELECT key, seq::int FROM records ORDER BY seq');
    expect(first.rows).toEqual([
      { key: 'C', seq: 1 },
      { key: 'A', seq: 2 },
      { key: 'B', seq: 3 },
    ]);
    await push(pool, lead, [labelRecord({ name: 'A', hlc: hlc(5) })]);
    const { rows } = await pool.query<{ key: string; seq: number }>('SELECT key, seq::int FROM records ORDER BY seq');
    expect(rows.map((row) => row.key)).toEqual(['C', 'B', 'A']);
    expect(rows[2]!.seq).toBeGreaterThan(rows[1]!.seq);
  });

  it('keeps the server clock at least every clock received, lost edits included', async () => {
    const pool = await projectWithDocuments();
    expect(await serverClock(pool)).toBe('000000000000-0000-server');
    await push(pool, lead, [labelRecord({ name: 'A', hlc: hlc(50) })]);
    const outcome = await push(pool, lead, [labelRecord({ name: 'A', hlc: hlc(40) }), labelRecord({ name: 'B', hlc: hlc(30) })]);
    expect(outcome.hlc).toBe(hlc(50));
    expect(await serverClock(pool)).toBe(hlc(50));
    const later = hlc(60, 0, 'other');
    expect((await push(pool, lead, [labelRecord({ name: 'A', hlc: later })])).hlc).toBe(later);
  });

  it('keeps assignments and settings in step with their records', async () => {
    const pool = await projectWithDocuments();
    await push(pool, lead, [
      assignmentRecord({ owner: 'ann', document: docA.hash, hlc: hlc(1) }),
      assignmentRecord({ owner: 'ann', document: docB.hash, hlc: hlc(1) }),
      settingRecord({ key: 'blindAnnotation', value: true, hlc: hlc(1) }),
      settingRecord({ key: 'dateOrder', value: 'day-first', hlc: hlc(1) }),
    ]);
    await push(pool, lead, [
      assignmentRecord({ owner: 'ann', document: docA.hash, hlc: hlc(2), deleted: true }),
      settingRecord({ key: 'blindAnnotation', value: null, hlc: hlc(2) }),
      settingRecord({ key: 'dateOrder', value: null, hlc: hlc(2), deleted: true }),
    ]);
    expect((await pool.query('SELECT annotator, document FROM assignments')).rows).toEqual([{ annotator: 'ann', document: docB.hash }]);
    expect((await pool.query('SELECT key, value FROM settings')).rows).toEqual([{ key: 'blindAnnotation', value: null }]);
  });

  it('refuses a whole batch when a record is not the member\'s to push, and says which', async () => {
    const pool = await projectWithDocuments();
    const own = spanRecord({ owner: 'ann', document: docA.hash });
    const theirs = spanRecord({ owner: 'bob', document: docA.hash });
    const notAnnotators = await refusal(push(pool, ann, [own, theirs]));
    expect(notAnnotators.status).toBe(403);
    expect(notAnnotators.message).toContain(`records.1 (span ${theirs.key}): an annotator may push only their own spans, and this one's owner is "bob", not "ann"`);
    const label = await refusal(push(pool, ann, [own, labelRecord({ name: 'NEW' })]));
    expect(label.status).toBe(403);
    expect(label.message).toMatch(/records\.1 \(label NEW\): an annotator may not change labels/);
    for (const record of [settingRecord({ key: 'blindAnnotation', value: false }), assignmentRecord({ owner: 'ann', document: docA.hash }), annotatorRecord({ name: 'bob' })]) {
      expect((await refusal(push(pool, ann, [record]))).status).toBe(403);
    }
    expect((await refusal(push(pool, ann, [progressRecord({ owner: 'bob', document: docA.hash })]))).status).toBe(403);
    expect(await storedRecords(pool)).toEqual([]);

    // What an annotator may push: their spans, progress and entry in the list of annotators, and entities.
    expect((await push(pool, ann, [own, progressRecord({ owner: 'ann', document: docA.hash }), annotatorRecord({ name: 'ann' }), entityRecord({})])).applied).toBe(4);
    // Curators and the lead may push anyone's, and adjudicated spans.
    expect((await push(pool, curator, [theirs, spanRecord({ owner: 'adjudicated', document: docA.hash }), labelRecord({ name: 'NEW' })])).applied).toBe(3);
  });

  it('refuses an annotator\'s span that would take over another\'s by its key', async () => {
    const pool = await projectWithDocuments();
    const key = 'b'.repeat(32);
    await push(pool, bob, [spanRecord({ key, owner: 'bob', document: docA.hash, hlc: hlc(1) })]);
    const taken = await refusal(push(pool, ann, [spanRecord({ key, owner: 'ann', document: docA.hash, hlc: hlc(2) })]));
    expect(taken.status).toBe(403);
    expect(taken.message).toContain('that span belongs to "bob"');
    expect(await storedRecords(pool)).toMatchObject([{ owner: 'bob', hlc: hlc(1) }]);
  });

  it('refuses records of documents the server lacks, records whose key contradicts them, and clocks far ahead', async () => {
    const pool = await projectWithDocuments();
    const unknown = document('never sent to the server');
    const missing = await refusal(push(pool, lead, [labelRecord({ name: 'A' }), spanRecord({ owner: 'ann', document: unknown.hash })]));
    expect(missing.status).toBe(422);
    expect(missing.message).toBe(`records.1 names document ${unknown.hash}, which the server does not have: send it to POST /v1/documents first`);

    const forged: SyncRecord = { ...progressRecord({ owner: 'ann', document: docA.hash }), key: `bob:${docA.hash}` };
    const contradiction = await refusal(push(pool, ann, [forged]));
    expect(contradiction.status).toBe(422);
    expect(contradiction.message).toContain(`the key of a progress is "owner:document" ("ann:${docA.hash}")`);

    const ahead = formatHlc({ wallMs: Date.now() + 3 * 24 * 3600 * 1000, counter: 0, node: 'fast' });
    const future = await refusal(push(pool, lead, [labelRecord({ name: 'A', hlc: ahead })]));
    expect(future.status).toBe(422);
    expect(future.message).toContain('more than a day ahead');
    expect(await storedRecords(pool)).toEqual([]);
  });
});

describe('team pull', () => {
  /** Two annotators' spans on three documents, with everything else a project has. */
  async function busyProject(options: { blind: boolean | null; assign: boolean }): Promise<Pool> {
    const pool = await projectWithDocuments();
    await members(pool, { ann: 'annotator', bob: 'annotator', cora: 'curator' });
    const setup: SyncRecord[] = [labelRecord({ name: 'HOSPITAL', hlc: hlc(1) }), annotatorRecord({ name: 'ann', hlc: hlc(1) }), entityRecord({ key: 'e'.repeat(32), hlc: hlc(1) })];
    if (options.blind !== null) setup.push(settingRecord({ key: 'blindAnnotation', value: options.blind, hlc: hlc(1) }));
    if (options.assign) {
      setup.push(assignmentRecord({ owner: 'ann', document: docA.hash, hlc: hlc(1) }), assignmentRecord({ owner: 'bob', document: docB.hash, hlc: hlc(1) }));
    }
    await push(pool, lead, setup);
    for (const [owner, doc, key] of [
      ['ann', docA, '1'],
      ['ann', docB, '2'],
      ['bob', docA, '3'],
      ['bob', docB, '4'],
      ['bob', docC, '5'],
    ] as const) {
      await push(pool, { name: owner, role: 'annotator' }, [spanRecord({ key: key.repeat(32), owner, document: doc.hash, hlc: hlc(2) })]);
    }
    await push(pool, ann, [progressRecord({ owner: 'ann', document: docA.hash, hlc: hlc(3) })]);
    await push(pool, bob, [progressRecord({ owner: 'bob', document: docB.hash, hlc: hlc(3) })]);
    return pool;
  }

  const shared = ['annotator:ann', `entity:${'e'.repeat(32)}`, 'label:HOSPITAL'];
  const span = (digit: string) => `span:${digit.repeat(32)}`;

  it('shows curators and the lead everything', async () => {
    const pool = await busyProject({ blind: true, assign: true });
    const everything = (await pool.query<{ k: string }>(`SELECT kind || ':' || key AS k FROM records ORDER BY 1`)).rows.map((row) => row.k);
    expect(everything.length).toBeGreaterThan(10);
    expect(await pulledKeys(pool, curator)).toEqual(everything);
    expect(await pulledKeys(pool, lead)).toEqual(everything);
  });

  it('shows an annotator everyone\'s spans when not blind and nothing is assigned', async () => {
    const pool = await busyProject({ blind: false, assign: false });
    expect(await pulledKeys(pool, ann)).toEqual(
      [...shared, `progress:ann:${docA.hash}`, 'setting:blindAnnotation', span('1'), span('2'), span('3'), span('4'), span('5')].sort(),
    );
  });

  it('shows a blind annotator only their own spans', async () => {
    const pool = await busyProject({ blind: true, assign: false });
    expect(await pulledKeys(pool, ann)).toEqual([...shared, `progress:ann:${docA.hash}`, 'setting:blindAnnotation', span('1'), span('2')].sort());
  });

  it('works blind by default once the team has two annotators', async () => {
    const pool = await busyProject({ blind: null, assign: false });
    expect(await pulledKeys(pool, ann)).toEqual([...shared, `progress:ann:${docA.hash}`, span('1'), span('2')].sort());
    await revokeMember(pool, 'bob');
    // One annotator member and one annotator record: not blind.
    expect(await pulledKeys(pool, ann)).toContain(span('5'));
    await push(pool, lead, [settingRecord({ key: 'blindAnnotation', value: null, hlc: hlc(9) })]);
    expect(await pulledKeys(pool, ann)).toContain(span('5'));
    await push(pool, lead, [annotatorRecord({ name: 'bob', hlc: hlc(9) })]);
    expect(await pulledKeys(pool, ann)).not.toContain(span('5'));
  });

  it('shows an annotator the spans of documents assigned to them, and only their own assignments', async () => {
    const pool = await busyProject({ blind: false, assign: true });
    expect(await pulledKeys(pool, ann)).toEqual(
      [...shared, `assignment:ann:${docA.hash}`, `progress:ann:${docA.hash}`, 'setting:blindAnnotation', span('1'), span('2'), span('3')].sort(),
    );
    expect(await pulledKeys(pool, bob)).toEqual(
      // Their own spans wherever they are, and others' on their document.
      [...shared, `assignment:bob:${docB.hash}`, `progress:bob:${docB.hash}`, 'setting:blindAnnotation', span('2'), span('3'), span('4'), span('5')].sort(),
    );
  });

  it('moves the cursor past a page of records the annotator may not see', async () => {
    const pool = await projectWithDocuments();
    await push(pool, lead, [settingRecord({ key: 'blindAnnotation', value: true, hlc: hlc(1) })]);
    await push(pool, bob, Array.from({ length: 25 }, (_, i) => spanRecord({ owner: 'bob', document: docA.hash, hlc: hlc(2 + i) })));
    const own = spanRecord({ owner: 'ann', document: docA.hash, hlc: hlc(100) });
    await push(pool, ann, [own]);

    const pages: { shown: number; next: number; more: boolean }[] = [];
    let after = 0;
    for (;;) {
      const page = await pull(pool, ann, after, 10);
      pages.push({ shown: page.records.length, next: page.next, more: page.more });
      if (page.records.some((record) => record.key === own.key)) expect(page.records.at(-1)?.seq).toBe(page.next);
      after = page.next;
      if (!page.more) break;
    }
    const { rows } = await pool.query<{ seq: number }>('SELECT seq::int FROM records ORDER BY seq');
    const seqs = rows.map((row) => row.seq);
    expect(pages).toEqual([
      { shown: 1, next: seqs[9], more: true },
      { shown: 0, next: seqs[19], more: true },
      { shown: 1, next: seqs[26], more: false },
    ]);
    // The last page's cursor stays put when nothing new has come.
    expect(await pull(pool, ann, after, 10)).toEqual({ records: [], next: after, more: false });
  });

  it('pulls every record of one document the member may see', async () => {
    const pool = await busyProject({ blind: true, assign: false });
    const ofA = await pullDocument(pool, ann, docA.hash);
    expect(ofA.records.map((r) => `${r.kind}:${r.key}`).sort()).toEqual([`progress:ann:${docA.hash}`, span('1')].sort());
    expect(ofA.more).toBe(false);
    const forCurator = await pullDocument(pool, curator, docA.hash);
    expect(forCurator.records.map((r) => r.key).sort()).toEqual([`ann:${docA.hash}`, '1'.repeat(32), '3'.repeat(32)].sort());
    const firstPage = await pullDocument(pool, curator, docA.hash, 0, 2);
    expect(firstPage.records).toHaveLength(2);
    expect(firstPage.more).toBe(true);
    const rest = await pullDocument(pool, curator, docA.hash, firstPage.next, 2);
    expect(rest.records).toHaveLength(1);
    expect((await pullDocument(pool, curator, document('nowhere').hash)).records).toEqual([]);
  });

  it('runs without JIT: compiling a pull page took longer than running it', async () => {
    const pool = await projectWithDocuments();
    expect((await pool.query('SHOW jit')).rows).toEqual([{ jit: 'off' }]);
  });

  it('reads the next page by the seq index, not a scan of every record', async () => {
    const pool = await projectWithDocuments();
    // 100,000 documents, all assigned to ann1 (a queue too large to hash in memory), the first 2,000
    // also to two of five other annotators; 50,000 spans on those 2,000.
    await pool.query(
      `INSERT INTO documents (hash, title, source, text, length_cp)
       SELECT encode(sha256(i::text::bytea), 'hex'), 'd' || i, 'seed', 'text ' || i, 10 FROM generate_series(1, 100000) AS i`,
    );
    await pool.query(`INSERT INTO assignments (annotator, document) SELECT 'ann1', hash FROM documents WHERE source = 'seed'`);
    await pool.query(
      `INSERT INTO assignments (annotator, document)
       SELECT 'ann' || (2 + (i + k) % 5), encode(sha256(i::text::bytea), 'hex') FROM generate_series(1, 2000) AS i, generate_series(0, 1) AS k`,
    );
    await pool.query(
      `INSERT INTO records (kind, key, seq, hlc, change_id, author, owner, document, deleted, data, changed_at)
       SELECT 'span', md5(i::text), nextval('records_seq'), '000000000001-0000-a', md5(i::text), 'ann' || (i % 6), 'ann' || (i % 6),
              encode(sha256((i % 2000 + 1)::text::bytea), 'hex'), false, '{}'::jsonb, now()
         FROM generate_series(1, 50000) AS i`,
    );
    // Not blind, so every span's document is checked against the queue.
    await pool.query(`INSERT INTO settings (key, value) VALUES ('blindAnnotation', 'false')`);
    await pool.query('ANALYZE');
    const { PULL_SQL, PULL_DOCUMENT_SQL } = await import('../../src/main/team-server/store/pull.js');
    const plan = async (sql: string, params: unknown[]) =>
      (await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN VERBOSE ${sql}`, params)).rows.map((row) => row['QUERY PLAN']).join('\n');
    for (const after of [0, 25000, 49000]) {
      const annotators = await plan(PULL_SQL, [after, 5000, 'ann1', false]);
      expect(annotators).toMatch(/Index Scan using records_by_seq on public\.records/);
      expect(annotators).not.toMatch(/Seq Scan on public\.records/);
      // Each span's document is one probe of the assignments' primary key, whatever the size of the queue.
      expect(annotators).toMatch(/Index Only Scan using assignments_pkey on public\.assignments a/);
      expect(annotators).toMatch(/Index Cond: \(\(a\.annotator = 'ann1'::text\) AND \(a\.document = \w+\.document\)\)/);
      expect(annotators).not.toMatch(/Materialize|Seq Scan on public\.assignments a\b/);
      const curators = await plan(PULL_SQL, [after, 5000, 'cora', true]);
      expect(curators).toMatch(/Index Scan using records_by_seq on public\.records/);
      expect(curators).not.toMatch(/Seq Scan on public\.records/);
    }
    // A page of ann1's 100,000 documents: 500 entries of the queue by its primary key, then those documents by theirs.
    const { ASSIGNED_DOCUMENTS_PAGE_SQL } = await import('../../src/main/team-server/store/documents.js');
    const documentsPage = await plan(ASSIGNED_DOCUMENTS_PAGE_SQL, ['ann1', '8', 500]);
    expect(documentsPage).toMatch(/Limit[\s\S]*Index Only Scan using assignments_pkey on public\.assignments a/);
    expect(documentsPage).toMatch(/Index Scan using documents_pkey on public\.documents d/);
    expect(documentsPage).not.toMatch(/Seq Scan on public\.documents/);
    const oneDocument = await plan(PULL_DOCUMENT_SQL, [0, null, 'ann1', false, createHash('sha256').update('1').digest('hex')]);
    expect(oneDocument).toMatch(/Index Scan (using|on) records_by_document/);
    expect(oneDocument).not.toMatch(/Seq Scan on public\.records/);
  });
});
