/**
 * Fixtures for the team server's tests: a migrated database per test on the
 * file's throwaway cluster, and records and documents as laptops send them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { afterEach } from 'vitest';
import { formatHlc, ownedDocumentKey, type SyncDocument, type SyncRecord } from '../../src/shared/sync.js';
import { openTeamPool } from '../../src/main/team-server/database.js';
import { migrateTeamDatabase } from '../../src/main/team-server/migrate.js';
import { addMember, type Caller } from '../../src/main/team-server/store/members.js';
import type { TestCluster } from '../helpers/postgres.js';

const pools: Pool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

/** A pool on a fresh database of the cluster, closed after the test; migrated unless told not to. */
export async function teamDatabase(cluster: TestCluster, options: { migrate?: boolean } = {}): Promise<{ pool: Pool; url: string }> {
  const url = await cluster.createDatabase();
  const pool = openTeamPool(url);
  pools.push(pool);
  if (options.migrate !== false) await migrateTeamDatabase(pool);
  return { pool, url };
}

/** Adds members and returns them as the server sees them once their tokens are checked, with their tokens. */
export async function members(pool: Pool, roles: Record<string, Caller['role']>): Promise<Record<string, Caller & { token: string }>> {
  const out: Record<string, Caller & { token: string }> = {};
  for (const [name, role] of Object.entries(roles)) {
    const { token } = await addMember(pool, { name, role });
    out[name] = { name, role, token };
  }
  return out;
}

export function uid(): string {
  return randomBytes(16).toString('hex');
}

/** A clock some milliseconds after a fixed instant in the past (so never "ahead" of the server's). */
export function hlc(offsetMs: number, counter = 0, node = 'lap1'): string {
  return formatHlc({ wallMs: Date.UTC(2024, 0, 1) + offsetMs, counter, node });
}

export function document(text: string, title = 'A document'): SyncDocument {
  return { hash: createHash('sha256').update(text, 'utf8').digest('hex'), title, source: 'test', text, meta: { from: 'test' } };
}

interface Envelope {
  hlc?: string;
  changeId?: string;
}

function envelope(options: Envelope): { changeId: string; hlc: string } {
  return { changeId: options.changeId ?? uid(), hlc: options.hlc ?? hlc(0) };
}

export function spanRecord(options: Envelope & { key?: string; owner: string; document: string; label?: string; deleted?: boolean; startCp?: number }): SyncRecord {
  const startCp = options.startCp ?? 0;
  return {
    ...envelope(options),
    kind: 'span',
    key: options.key ?? uid(),
    owner: options.owner,
    document: options.document,
    data: options.deleted
      ? null
      : {
          startCp,
          endCp: startCp + 4,
          label: options.label ?? 'HOSPITAL',
          status: 'accepted',
          entity: null,
          value: null,
          note: null,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
  };
}

export function labelRecord(options: Envelope & { name: string; displayName?: string; deleted?: boolean }): SyncRecord {
  return {
    ...envelope(options),
    kind: 'label',
    key: options.name,
    owner: null,
    document: null,
    data: options.deleted ? null : { displayName: options.displayName ?? options.name, color: '#123456', shortcutKey: null, position: 1, namesThings: false },
  };
}

export function annotatorRecord(options: Envelope & { name: string }): SyncRecord {
  return { ...envelope(options), kind: 'annotator', key: options.name, owner: null, document: null, data: { color: null, position: 0 } };
}

export function entityRecord(options: Envelope & { key?: string; name?: string }): SyncRecord {
  return { ...envelope(options), kind: 'entity', key: options.key ?? uid(), owner: null, document: null, data: { name: options.name ?? 'Hue Central Hospital', label: 'HOSPITAL', aliases: [] } };
}

export function assignmentRecord(options: Envelope & { owner: string; document: string; deleted?: boolean }): SyncRecord {
  return {
    ...envelope(options),
    kind: 'assignment',
    key: ownedDocumentKey(options.owner, options.document),
    owner: options.owner,
    document: options.document,
    data: options.deleted ? null : { assignedAt: '2026-01-01T00:00:00.000Z' },
  };
}

export function progressRecord(options: Envelope & { owner: string; document: string }): SyncRecord {
  return {
    ...envelope(options),
    kind: 'progress',
    key: ownedDocumentKey(options.owner, options.document),
    owner: options.owner,
    document: options.document,
    data: { doneAt: '2026-01-01T00:00:00.000Z' },
  };
}

export function settingRecord(options: Envelope & { key: string; value: unknown; deleted?: boolean }): SyncRecord {
  return { ...envelope(options), kind: 'setting', key: options.key, owner: null, document: null, data: options.deleted ? null : { value: options.value } };
}
