import type { Migration } from './migration.js';

/**
 * The four built-in labels' colours, chosen so that every pair stays apart
 * (CIEDE2000 ≥ 20) for normal vision and as people with protanopia,
 * deuteranopia and tritanopia see them (Machado et al. 2009): the first
 * colours put Hospital's blue beside Figure's magenta for deuteranopes
 * (ΔE 9.9) and Date's orange beside Person's green for protanopes (12.2).
 * Each keeps a 3:1 contrast with the light page, as an underline needs. In
 * grey two pairs still look alike: the label names on the spans tell them
 * apart there. Only colours still at their first default change: a colour
 * the lead chose is kept.
 */
export const migration014: Migration = {
  version: 14,
  name: 'colour-blind safe label colours',
  up(db) {
    const recolour = db.prepare('UPDATE labels SET color = ? WHERE name = ? AND lower(color) = ?');
    const changes = [
      ['HOSPITAL', '#2f7ed8', '#4b8efe'],
      ['DATE', '#e07b00', '#b8892d'],
      ['PERSON', '#2e9e5b', '#0c6944'],
      ['FIGURE', '#b0399b', '#9c17a6'],
    ] as const;
    for (const [name, before, after] of changes) recolour.run(after, name, before);
  },
};
