import type { Database } from 'better-sqlite3';

/** One step of the schema. Migrations are append-only: a released one never changes. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
