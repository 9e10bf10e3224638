import type { Pool, PoolClient } from 'pg';
import { parseHlc, type SyncRecord } from '../../../shared/sync.js';
import { ADVISORY_LOCKS, inTransaction, lockForTransaction } from '../database.js';
import { pushRefusal, recordInconsistency } from '../permissions.js';
import { missingDocuments } from './documents.js';
import type { Caller } from './members.js';
import { RequestRefused, nulCharacterPath } from './refusals.js';

export interface PushOutcome {
  /** Changes that became the server's state. */
  readonly applied: number;
  /** Changes received before (their clock is no larger than the stored one), or that lost to a later edit of the same thing. */
  readonly superseded: number;
  /** The server's clock after the push. */
  readonly hlc: string;
}

/**
 * How far ahead of the server's wall clock a record's clock may be. A laptop
 * whose clock is years ahead would otherwise win every conflict from then on,
 * and (as every clock follows the largest it has seen) drag everyone's along.
 */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

/** The checks that need no database: shape, permission, sane clock. Throws on the first refused record. */
function checkRecords(caller: Caller, records: readonly SyncRecord[], nowMs: number): void {
  records.forEach((record, index) => {
    const where = `records.${index} (${record.kind} ${record.key})`;
    const inconsistency = recordInconsistency(record);
    if (inconsistency !== null) throw new RequestRefused(422, `${where}: ${inconsistency}`);
    const refusal = pushRefusal(caller, record);
    if (refusal !== null) throw new RequestRefused(403, `${where}: ${refusal}; nothing of this push was applied`);
    if (parseHlc(record.hlc).wallMs > nowMs + MAX_CLOCK_AHEAD_MS) {
      throw new RequestRefused(422, `${where}: its clock ${record.hlc} is more than a day ahead of the server's; check the clock of the computer that made it`);
    }
    const nul = nulCharacterPath(record.data);
    if (nul !== null) throw new RequestRefused(422, `${where}: data.${nul} holds a NUL character, which the team database cannot store`);
  });
}

/** Refuses a push whose spans would take over spans that belong to another annotator (same key, another owner). */
async function checkStoredOwners(client: PoolClient, caller: Caller, records: readonly SyncRecord[]): Promise<void> {
  if (caller.role !== 'annotator') return;
  const spanKeys = records.filter((record) => record.kind === 'span').map((record) => record.key);
  if (spanKeys.length === 0) return;
  const { rows } = await client.query<{ key: string; owner: string }>(
    `SELECT key, owner FROM records WHERE kind = 'span' AND key = ANY ($1::text[]) AND owner IS DISTINCT FROM $2`,
    [spanKeys, caller.name],
  );
  const taken = rows[0];
  if (taken === undefined) return;
  const index = records.findIndex((record) => record.kind === 'span' && record.key === taken.key);
  throw new RequestRefused(403, `records.${index} (span ${taken.key}): that span belongs to "${taken.owner}", and an annotator may change only their own; nothing of this push was applied`);
}

/** The record of each (kind, key) with the largest clock (the later one in the push on a tie: the same change sent twice). */
function winnersOf(records: readonly SyncRecord[]): SyncRecord[] {
  const best = new Map<string, SyncRecord>();
  for (const record of records) {
    const id = `${record.kind}\u0000${record.key}`;
    const held = best.get(id);
    if (held === undefined || record.hlc >= held.hlc) best.set(id, record);
  }
  return [...best.values()];
}

/**
 * Applies a laptop's changes: last writer wins by hybrid logical clock, each
 * change applied once however often it is sent. Every record is checked first;
 * one refused record refuses the whole push, and nothing of it is applied.
 *
 * A record replaces the stored one of the same kind and key only if its clock
 * is larger (the format makes string order clock order). Clocks are unique (a
 * node never makes the same clock twice, and the node is part of it), so a push
 * repeated after a lost answer finds its own clocks stored and counts its
 * changes as superseded. A deletion is a record too (a tombstone, deleted =
 * true), so it wins or loses like any edit and travels to every laptop.
 */
export async function push(pool: Pool, caller: Caller, records: readonly SyncRecord[], nowMs = Date.now()): Promise<PushOutcome> {
  checkRecords(caller, records, nowMs);
  // Documents are never removed, so one present now is present at commit.
  const missing = await missingDocuments(
    pool,
    records.flatMap((record) => (record.document === null ? [] : [record.document])),
  );
  const firstMissing = missing[0];
  if (firstMissing !== undefined) {
    const index = records.findIndex((record) => record.document === firstMissing);
    throw new RequestRefused(
      422,
      `records.${index} names document ${firstMissing}, which the server does not have${missing.length > 1 ? ` (nor ${missing.length - 1} other${missing.length > 2 ? 's' : ''})` : ''}: send it to POST /v1/documents first`,
    );
  }

  return inTransaction(pool, async (client) => {
    // Every push takes its seqs and commits while holding this lock, so seqs
    // become visible in the order they were given out. Without it, a push that
    // took seq 10 could commit after another that took seq 11: a laptop pulling
    // in between would see 11, move its cursor past 10, and never receive 10.
    // With it, once a seq is visible every smaller seq is committed (or was
    // rolled back and will never appear), so "seq > cursor" misses nothing.
    await lockForTransaction(client, ADVISORY_LOCKS.records);
    await checkStoredOwners(client, caller, records);

    const candidates = winnersOf(records);
    const applied = candidates.length === 0 ? [] : await upsertRecords(client, caller, candidates);
    if (applied.length > 0) await keepDerivedTablesInStep(client, applied);

    const latest = records.reduce((max, record) => (record.hlc > max ? record.hlc : max), records[0]?.hlc ?? '');
    const { rows: clock } = await client.query<{ hlc: string }>('UPDATE project SET hlc = GREATEST(hlc, $1::text COLLATE "C") RETURNING hlc', [latest]);
    return { applied: applied.length, superseded: records.length - applied.length, hlc: clock[0]?.hlc ?? latest };
  });
}

interface AppliedRow {
  kind: string;
  key: string;
  change_id: string;
  seq: string;
}

/**
 * Writes the records whose clock beats the stored one, each under the next seq,
 * in the order they were pushed. Runs under the records lock, so the stored
 * clocks read by the join cannot change before the write.
 */
async function upsertRecords(client: PoolClient, caller: Caller, candidates: readonly SyncRecord[]): Promise<AppliedRow[]> {
  const incoming = candidates.map((record, ord) => ({
    ord,
    kind: record.kind,
    key: record.key,
    hlc: record.hlc,
    change_id: record.changeId,
    owner: record.owner,
    document: record.document,
    data: record.data,
  }));
  const { rows } = await client.query<AppliedRow>(
    `INSERT INTO records AS r (kind, key, seq, hlc, change_id, author, owner, document, deleted, data, changed_at)
     SELECT x.kind, x.key, nextval('records_seq'), x.hlc, x.change_id, $2, x.owner, x.document, x.data IS NULL, x.data, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(ord integer, kind text, key text, hlc text, change_id text, owner text, document text, data jsonb)
       LEFT JOIN records cur ON cur.kind = x.kind AND cur.key = x.key
      WHERE cur.hlc IS NULL OR x.hlc COLLATE "C" > cur.hlc
      ORDER BY x.ord
     ON CONFLICT (kind, key) DO UPDATE SET
       seq = excluded.seq, hlc = excluded.hlc, change_id = excluded.change_id, author = excluded.author,
       owner = excluded.owner, document = excluded.document, deleted = excluded.deleted, data = excluded.data,
       changed_at = excluded.changed_at
       WHERE r.hlc < excluded.hlc
     RETURNING r.kind, r.key, r.change_id, r.seq`,
    [JSON.stringify(incoming), caller.name],
  );
  return rows;
}

/** Brings the assignments and settings tables, which visibility reads on every pull, in step with the records just applied. */
async function keepDerivedTablesInStep(client: PoolClient, applied: readonly AppliedRow[]): Promise<void> {
  const assignmentKeys = applied.filter((row) => row.kind === 'assignment').map((row) => row.key);
  if (assignmentKeys.length > 0) {
    await client.query(
      `DELETE FROM assignments a USING records r
        WHERE r.kind = 'assignment' AND r.key = ANY ($1::text[]) AND r.deleted AND a.annotator = r.owner AND a.document = r.document`,
      [assignmentKeys],
    );
    await client.query(
      `INSERT INTO assignments (annotator, document)
       SELECT owner, document FROM records WHERE kind = 'assignment' AND key = ANY ($1::text[]) AND NOT deleted
       ON CONFLICT DO NOTHING`,
      [assignmentKeys],
    );
  }
  const settingKeys = applied.filter((row) => row.kind === 'setting').map((row) => row.key);
  if (settingKeys.length > 0) {
    await client.query(`DELETE FROM settings s USING records r WHERE r.kind = 'setting' AND r.key = ANY ($1::text[]) AND r.deleted AND s.key = r.key`, [settingKeys]);
    await client.query(
      `INSERT INTO settings (key, value)
       SELECT key, data -> 'value' FROM records WHERE kind = 'setting' AND key = ANY ($1::text[]) AND NOT deleted
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [settingKeys],
    );
  }
}
