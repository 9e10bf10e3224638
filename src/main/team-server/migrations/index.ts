import type { TeamMigration } from './migration.js';
import { migration001 } from './001-records-and-members.js';
import { migration002 } from './002-assignments-settings-logins.js';
import { migration003 } from './003-drop-received-changes.js';

/** Every migration of the team server's database, in order. Append only. */
export const TEAM_MIGRATIONS: readonly TeamMigration[] = [migration001, migration002, migration003];

export const TEAM_LATEST_VERSION = TEAM_MIGRATIONS.length;
