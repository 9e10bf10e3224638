/**
 * Whether a project syncs with a team server, as whom, and how far it got:
 * the sync_state row of migration 017.
 */
import { z } from 'zod';
import { ADJUDICATOR } from '../../shared/model.js';
import { ContentHash, TEAM_ROLES, type TeamRole } from '../../shared/sync.js';
import { UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { now, statement, writeTransaction } from '../store/statements.js';
import { currentHlc } from './clock.js';
import { attributeNobodysWork, publishEverything, recordIdFloors } from './publish.js';
import { installSyncTriggers, removeSyncTriggers, syncTriggersCurrent } from './triggers.js';

export const EnableSyncInput = z.object({
  serverUrl: z.string().trim().min(1).max(2000),
  token: z.string().min(1).max(2000),
  /** The member's name in the team, as the server knows them; their spans and marks go up under it. */
  member: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .refine((name) => name !== ADJUDICATOR, 'the adjudicated result is not a team member'),
  role: z.enum(TEAM_ROLES),
  projectName: z.string().trim().min(1).max(200),
  /**
   * Whether the project's existing state goes up (publishing a project: the
   * default) or only changes made from now on (joining: what the project holds
   * came from the team, or is the defaults every new project has).
   */
  recordExisting: z.boolean().default(true),
});
export type EnableSyncInput = z.input<typeof EnableSyncInput>;

export interface SyncState {
  readonly enabled: boolean;
  /** This laptop's node in every clock it makes. */
  readonly node: string;
  readonly serverUrl: string | null;
  readonly token: string | null;
  readonly member: string | null;
  readonly role: TeamRole | null;
  readonly projectName: string | null;
  /** The server's sequence number of the last record pulled. */
  readonly pullCursor: number;
  /** The hash of the last document fetched, or null to start from the first. */
  readonly documentsCursor: string | null;
  readonly lastSyncedAt: string | null;
  readonly lastError: string | null;
  /** The clock as it stands. */
  readonly hlc: string;
}

interface StateRow {
  enabled: number;
  node: string;
  server_url: string | null;
  token: string | null;
  member: string | null;
  role: TeamRole | null;
  project_name: string | null;
  pull_cursor: number;
  documents_cursor: string | null;
  last_synced_at: string | null;
  last_error: string | null;
}

/** Where the project's sync stands. */
export function syncState(db: Db): SyncState {
  const row = statement(
    db,
    `SELECT enabled, node, server_url, token, member, role, project_name, pull_cursor, documents_cursor, last_synced_at, last_error
     FROM sync_state`,
  ).get() as StateRow;
  return {
    enabled: row.enabled === 1,
    node: row.node,
    serverUrl: row.server_url,
    token: row.token,
    member: row.member,
    role: row.role,
    projectName: row.project_name,
    pullCursor: row.pull_cursor,
    documentsCursor: row.documents_cursor,
    lastSyncedAt: row.last_synced_at,
    lastError: row.last_error,
    hlc: currentHlc(db),
  };
}

/**
 * Turns sync on. The first time (or again after disableSync), unless told
 * not to record what exists, work done under nobody's name becomes the
 * member's (attributeNobodysWork) and every shared row goes in the outbox
 * (publishEverything); from then on the triggers note each change. On a project that syncs already, only the server, token, role
 * and project name change: another member's name would make the changes noted
 * so far someone else's.
 */
export function enableSync(db: Db, input: EnableSyncInput): SyncState {
  const checked = EnableSyncInput.parse(input);
  writeTransaction(db, () => {
    const state = syncState(db);
    if (state.enabled && state.member !== checked.member) {
      throw new UserError(`this project syncs as ${state.member}; disable sync before syncing as ${checked.member}`);
    }
    statement(db, 'UPDATE sync_state SET server_url = ?, token = ?, member = ?, role = ?, project_name = ?').run(
      checked.serverUrl,
      checked.token,
      checked.member,
      checked.role,
      checked.projectName,
    );
    if (state.enabled) {
      if (!syncTriggersCurrent(db)) installSyncTriggers(db);
      return;
    }
    recordIdFloors(db);
    if (checked.recordExisting) {
      attributeNobodysWork(db, checked.member);
      publishEverything(db, checked.member);
    }
    installSyncTriggers(db);
    statement(db, 'UPDATE sync_state SET enabled = 1, applying = 0, last_error = NULL').run();
  })();
  return syncState(db);
}

/**
 * Turns sync off: the triggers go and the token is forgotten. What waits in
 * the outbox stays for a later enableSync; changes made while sync is off are
 * not noted (enabling again sends every shared row as it then is, but not
 * what was deleted meanwhile).
 */
export function disableSync(db: Db): SyncState {
  writeTransaction(db, () => {
    removeSyncTriggers(db);
    statement(db, 'UPDATE sync_state SET enabled = 0, applying = 0, token = NULL').run();
  })();
  return syncState(db);
}

/**
 * Installs the triggers again when this version's differ from the project's
 * (a project that synced with an older Marginalia). Meant for when a syncing
 * project is opened; cheap when there is nothing to do.
 */
export function ensureSyncTriggers(db: Db): void {
  const state = statement(db, 'SELECT enabled FROM sync_state').pluck().get() as number;
  if (state === 1 && !syncTriggersCurrent(db)) writeTransaction(db, () => installSyncTriggers(db))();
}

/** Notes how a sync ended: a success sets the time and clears the error, a failure keeps its message for the header. */
export function recordSyncOutcome(db: Db, outcome: { readonly error: string | null; readonly at?: string }): void {
  if (outcome.error === null) statement(db, 'UPDATE sync_state SET last_synced_at = ?, last_error = NULL').run(outcome.at ?? now());
  else statement(db, 'UPDATE sync_state SET last_error = ?').run(outcome.error.slice(0, 2000));
}

/** Remembers the last document fetched (null: start again from the first). */
export function setDocumentsCursor(db: Db, hash: string | null): void {
  statement(db, 'UPDATE sync_state SET documents_cursor = ?').run(hash === null ? null : ContentHash.parse(hash));
}

export interface SyncStatus {
  readonly enabled: boolean;
  readonly member: string | null;
  readonly role: TeamRole | null;
  readonly projectName: string | null;
  readonly lastSyncedAt: string | null;
  readonly lastError: string | null;
  /** Changes made here that wait to be pushed. */
  readonly waiting: number;
  /** Changes that cannot become a valid record (see readOutbox), and the first reason. */
  readonly unsendable: number;
  readonly unsendableReason: string | null;
  /** Shared decisions others changed that the member has not looked at. */
  readonly changedByOthers: number;
}

/** What a header shows about sync: last synced, how much waits, what went wrong. */
export function syncStatus(db: Db): SyncStatus {
  const state = syncState(db);
  const counts = statement(
    db,
    `SELECT count(*) FILTER (WHERE unsendable IS NULL) AS waiting, count(unsendable) AS unsendable,
       (SELECT unsendable FROM sync_outbox WHERE unsendable IS NOT NULL ORDER BY seq LIMIT 1) AS reason,
       (SELECT count(*) FROM sync_incoming) AS incoming
     FROM sync_outbox`,
  ).get() as { waiting: number; unsendable: number; reason: string | null; incoming: number };
  return {
    enabled: state.enabled,
    member: state.member,
    role: state.role,
    projectName: state.projectName,
    lastSyncedAt: state.lastSyncedAt,
    lastError: state.lastError,
    waiting: counts.waiting,
    unsendable: counts.unsendable,
    unsendableReason: counts.reason,
    changedByOthers: counts.incoming,
  };
}
