/**
 * The project's annotation guidelines: Markdown the lead writes, shown beside
 * the document. Kept in project_settings under its own key (settings.ts reads
 * only the keys it knows, so the two never see each other's rows); a project
 * that has none shows the built-in labels' rules.
 */
import type { Db } from './connection.js';
import { now, statement, writeTransaction } from './statements.js';

const KEY = 'guidelines';

/** The four built-in labels' rules in short (docs/guidelines.md has them in full). */
export const DEFAULT_GUIDELINES = `# Annotation guidelines

Tag every mention, repeats included. A span covers the words that name the thing, nothing more:
no leading "the", quotes, brackets or end punctuation, and a possessive *'s* stays outside.
Spans never overlap. Text marked as noise is not annotated.

## Hospital (1)

**In:** places that treat patients — hospitals, medical centres, clinics, health stations,
institutes that treat patients. The whole name, with its place name and number
(*115 Emergency Central Hospital*); a clear short form (*St Brigid*); an acronym, each time.

**Out:** departments, wards and centres inside a hospital; generic mentions ("the hospital");
ministries, departments of health, research institutes without a clinic, universities.

## Date (2)

**In:** calendar dates and times, months, years, periods anchored in the calendar. A range
is one span (*June 1 to July 15, 2026*), without "from", "in" or "the".

**Out:** durations not anchored in the calendar ("for three weeks" is a Figure), ages,
times of day on their own, numbers of laws.

## Person (3)

**In:** a person's name, with middle initials. Titles, ranks and roles stay outside:
"Deputy Minister Tran Thi Mai Anh" → *Tran Thi Mai Anh*.

**Out:** places, streets, hospitals or prizes named after a person; news agencies; pronouns.

## Figure (4)

**In:** a number with the noun or unit it counts, and the adjectives between
(*12 mobile dental vans*, *90%*, *2.5 billion VND*, *seven ambulances*). Hedges ("nearly",
"more than") stay outside.

**Out:** years and dates, numbers that are part of a name, "one" used as an article.
`;

export interface Guidelines {
  readonly text: string;
  /** True while the project has no guidelines of its own (the built-in rules are shown). */
  readonly isDefault: boolean;
  readonly updatedAt: string | null;
}

/** The project's guidelines, or the built-in rules when it has none. */
export function projectGuidelines(db: Db): Guidelines {
  const row = statement(db, 'SELECT value, updated_at FROM project_settings WHERE key = ?').get(KEY) as { value: string; updated_at: string } | undefined;
  const stored = row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  if (typeof stored !== 'string') return { text: DEFAULT_GUIDELINES, isDefault: true, updatedAt: null };
  return { text: stored, isDefault: false, updatedAt: row?.updated_at ?? null };
}

/** Saves the project's guidelines; null goes back to the built-in rules. */
export function saveGuidelines(db: Db, text: string | null): Guidelines {
  return writeTransaction(db, () => {
    if (text === null) statement(db, 'DELETE FROM project_settings WHERE key = ?').run(KEY);
    else {
      statement(
        db,
        `INSERT INTO project_settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(KEY, JSON.stringify(text), now());
    }
    return projectGuidelines(db);
  })();
}
