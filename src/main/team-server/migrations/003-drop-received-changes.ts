import type { TeamMigration } from './migration.js';

/**
 * received_changes remembered every change id so that a push sent twice was
 * applied once. The clocks already guarantee that: a change sent again carries
 * the clock it was stored under (not larger, so it is not applied) or one older
 * than a later edit (so it loses). The table only grew, a row per change for
 * ever, and each push wrote every record twice more there (an insert, then its
 * seq) while holding the lock that every other push waits for.
 */
export const migration003: TeamMigration = {
  version: 3,
  name: 'drop received_changes',
  async up(client) {
    await client.query('DROP TABLE received_changes');
  },
};
