import type { Migration } from './migration.js';

/**
 * Some labels name things a project can list as entities (a hospital, a
 * person); others tag values (a date, a figure) where "the same entity" means
 * nothing. Only labels marked so are linked to entities or offered as entity
 * suggestions: HOSPITAL and PERSON from the start, custom labels when the lead
 * ticks them.
 */
export const migration013: Migration = {
  version: 13,
  name: 'labels that name things',
  up(db) {
    db.exec(`
      ALTER TABLE labels ADD COLUMN names_things INTEGER NOT NULL DEFAULT 0 CHECK (names_things IN (0, 1));
      UPDATE labels SET names_things = 1 WHERE name IN ('HOSPITAL', 'PERSON');
    `);
  },
};
