import type { TeamMigration } from './migration.js';

/**
 * received_changes remembered every change id so that a push sent twice was
 * applied once. The clocks already guarantee that: a change sent again carries
 * the clock it was stored under (not larger, so it is not applied) or one older
 * than a later edit (so it loses). The table only grew, a row per change for
 * ever, and writing it was a third of each push's work under the records lock.
 */
export const migration003: TeamMigration = {
  version: 3,
  name: 'drop received_changes',
  async up(client) {
    await client.query('DROP TABLE received_changes');
  },
};
