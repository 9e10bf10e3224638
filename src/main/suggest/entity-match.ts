import { NameKeyCache } from '../entities/name-keys.js';
import type { Db } from '../store/connection.js';
import { entitiesForLinking } from '../store/entities.js';
import { labelsThatNameThings } from '../store/labels.js';

/**
 * Finds the entity a suggested name most likely mentions: the one entity of its
 * label whose name or an alias has the same name key (case, spacing,
 * diacritics, spelling variants and known aliases aside). A key two entities
 * share links to neither: the person reviewing decides.
 */
export class EntityMatcher {
  readonly #keys = new NameKeyCache();
  /** label → name key → entity id, or null when the key is ambiguous. */
  readonly #byKey = new Map<string, Map<string, number | null>>();

  /** Matches suggestions of `labels` (default: all) that name things; the others are never linked. */
  constructor(db: Db, labels?: readonly string[]) {
    const naming = labelsThatNameThings(db);
    for (const entity of entitiesForLinking(db, labels ? naming.filter((label) => labels.includes(label)) : naming)) {
      let byKey = this.#byKey.get(entity.label);
      if (!byKey) {
        byKey = new Map();
        this.#byKey.set(entity.label, byKey);
      }
      const keys = new Set([entity.name, ...entity.aliases].map((form) => this.#keys.get(form).alias).filter((key) => key !== ''));
      for (const key of keys) {
        const known = byKey.get(key);
        byKey.set(key, known === undefined || known === entity.id ? entity.id : null);
      }
    }
  }

  /** Whether suggestions of `label` are matched at all (reading their text costs). */
  links(label: string): boolean {
    return this.#byKey.has(label);
  }

  /** The id of the entity `surface` names under `label`, or null. */
  match(label: string, surface: string): number | null {
    const byKey = this.#byKey.get(label);
    if (!byKey) return null;
    const key = this.#keys.get(surface).alias;
    return key === '' ? null : (byKey.get(key) ?? null);
  }
}
