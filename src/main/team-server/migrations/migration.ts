import type { ClientBase } from 'pg';

/**
 * One step of the team server's schema. Append only: a released migration never
 * changes, since servers already past it will not run it again. `up` runs inside
 * the runner's transaction, on the connection that holds the migration lock.
 */
export interface TeamMigration {
  readonly version: number;
  readonly name: string;
  up(client: ClientBase): Promise<void>;
}
