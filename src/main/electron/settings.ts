/**
 * The shell's remembered state (last project, recent projects, window placement),
 * kept as JSON in the user-data folder. A damaged or foreign file never stops the
 * app: each field that does not parse falls back to its default.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { messageOf } from '../errors.js';

/** How many projects File → Open Recent lists. */
export const MAX_RECENT_PROJECTS = 10;

const WindowPlacement = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowPlacement = z.infer<typeof WindowPlacement>;

const SettingsSchema = z.object({
  lastProject: z.string().min(1).nullable().catch(null),
  recentProjects: z.array(z.string().min(1)).catch([]),
  window: WindowPlacement.nullable().catch(null),
});
export type Settings = Readonly<z.infer<typeof SettingsSchema>>;

/** Settings of a first run. */
export const DEFAULT_SETTINGS: Settings = { lastProject: null, recentProjects: [], window: null };

/** Reads the settings file; a missing or unreadable one gives the defaults. */
export function loadSettings(file: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`${file}: ignored (${messageOf(error)})`);
    return DEFAULT_SETTINGS;
  }
  const parsed = SettingsSchema.safeParse(typeof raw === 'object' && raw !== null ? raw : {});
  if (!parsed.success) return DEFAULT_SETTINGS;
  return { ...parsed.data, recentProjects: parsed.data.recentProjects.slice(0, MAX_RECENT_PROJECTS) };
}

/**
 * Writes the settings atomically: a temporary file renamed over the old one, so
 * a crash mid-write leaves the previous settings rather than half a file.
 */
export function saveSettings(file: string, settings: Settings): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The settings after opening `project`: it becomes the last project and heads the recent list. */
export function withOpenedProject(settings: Settings, project: string): Settings {
  const recent = [project, ...settings.recentProjects.filter((path) => path !== project)];
  return { ...settings, lastProject: project, recentProjects: recent.slice(0, MAX_RECENT_PROJECTS) };
}

/** The settings without `project`, e.g. after it was found missing. */
export function withoutProject(settings: Settings, project: string): Settings {
  return {
    ...settings,
    lastProject: settings.lastProject === project ? null : settings.lastProject,
    recentProjects: settings.recentProjects.filter((path) => path !== project),
  };
}
