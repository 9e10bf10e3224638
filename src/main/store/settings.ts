import { ProjectSettings, type ProjectSettingsDto } from '../../shared/api.js';
import type { Db } from './connection.js';
import { now, statement, writeTransaction } from './statements.js';

/** What a project uses until someone changes a setting. */
export const DEFAULT_PROJECT_SETTINGS: ProjectSettingsDto = { dateOrder: 'day-first', suggestAfterImport: false, blindAnnotation: null };

const KEYS = Object.keys(ProjectSettings.shape) as (keyof ProjectSettingsDto)[];

/**
 * The project's settings. A key that is missing, or holds a value this version
 * cannot read (written by a newer one, say), reads as its default.
 */
export function projectSettings(db: Db): ProjectSettingsDto {
  const rows = statement(db, 'SELECT key, value FROM project_settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value) as unknown;
  const settings: Record<string, unknown> = { ...DEFAULT_PROJECT_SETTINGS };
  for (const key of KEYS) {
    const parsed = ProjectSettings.shape[key].safeParse(stored[key]);
    if (parsed.success) settings[key] = parsed.data;
  }
  return settings as ProjectSettingsDto;
}

/** Changes some settings and returns all of them. */
export function updateProjectSettings(db: Db, change: Partial<ProjectSettingsDto>): ProjectSettingsDto {
  const checked = ProjectSettings.partial().parse(change);
  return writeTransaction(db, () => {
    const write = statement(
      db,
      `INSERT INTO project_settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    const stamp = now();
    for (const key of KEYS) {
      const value = checked[key];
      if (value !== undefined) write.run(key, JSON.stringify(value), stamp);
    }
    return projectSettings(db);
  })();
}
