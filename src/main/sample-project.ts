/**
 * The sample project a first run opens, so a new user sees a working project
 * before importing anything. Both faces use it: the Electron shell, and
 * `npm start` when it falls back to browser mode.
 *
 * About `resources/sample-corpus/` (the notes live here because every file in
 * that folder is imported as a document): eight short health-news pieces about
 * invented Vietnamese hospitals, written for Marginalia. They carry the traits
 * of scraped news that the workbench exists for:
 * - two listing pages (title, `dd/mm/yyyy hh:mm`, summary, over and over), one
 *   item repeated on its own page and several repeated across the pages;
 * - passages repeated inside an article and across articles (for duplicates);
 * - spam: a `{…}|{…}|` spinner list and betting-link lines (`spam_line`);
 * - stray characters inside words: a Syriac letter (06), a Javanese letter and an
 *   emoji glued to a word (05) (`injected_char`), plus a free-standing emoji (08);
 * - photo captions ending `(Photo: …)`, `See more`, `Related news`, `Source:` and
 *   `Comment (0)` lines (`boilerplate`);
 * - dates as `20/11/2025 08:15` and as `November 17, 2025`;
 * - one Markdown file (05), one HTML page (06) and one file with CRLF line endings (04).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.js';
import { detectDuplicates } from './dedupe/detect.js';
import { importPaths } from './import/pipeline.js';
import { openProject } from './store/connection.js';

/** Environment variables that decide where Marginalia keeps its own files. */
export interface DataDirEnvironment {
  readonly MARGINALIA_HOME?: string;
  readonly XDG_DATA_HOME?: string;
  readonly APPDATA?: string;
}

/**
 * The folder for Marginalia's own files: `$MARGINALIA_HOME`, else the platform's
 * convention (XDG on Linux, Application Support on macOS, %APPDATA% on Windows).
 */
export function dataDir(
  env: DataDirEnvironment = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.MARGINALIA_HOME) return resolve(env.MARGINALIA_HOME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Marginalia');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Marginalia');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'marginalia');
}

/** Where the sample project lives: `<dataDir>/sample.sqlite`. */
export function sampleProjectPath(env: DataDirEnvironment = process.env): string {
  return join(dataDir(env), 'sample.sqlite');
}

/** The bundled demo corpus (also inside the packaged app, where it sits in app.asar). */
export function sampleCorpusDir(): string {
  // Same depth from src/main/ and dist/main/, so this holds for tests and builds alike.
  return fileURLToPath(new URL('../../resources/sample-corpus/', import.meta.url));
}

export interface SampleProjectOptions {
  /** better-sqlite3 addon for another ABI (the Electron shell passes its own). */
  readonly nativeBinding?: string;
}

/**
 * Creates the sample project at `path` by importing `corpusDir`, unless it exists.
 * The project is built beside the target and renamed into place, so an
 * interrupted first run never leaves a half-filled sample behind.
 */
export async function ensureSampleProject(
  path: string,
  corpusDir: string,
  options: SampleProjectOptions = {},
): Promise<{ created: boolean }> {
  if (existsSync(path)) return { created: false };
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial-${process.pid}`;
  removeDatabaseFiles(partial);
  try {
    const db = openProject(partial, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      const report = await importPaths(db, [corpusDir]);
      if (report.documentsImported === 0) {
        const reasons = report.rejected.map((problem) => `${problem.path}: ${problem.reason}`).join('; ');
        throw new UserError(`${corpusDir}: the sample corpus gave no documents${reasons ? ` (${reasons})` : ''}`);
      }
      // The sample shows duplicate linking from the first minute: its repeated passages are already clustered.
      await detectDuplicates(db);
      // Fold the write-ahead log into the file, so renaming the one file moves everything.
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    renameSync(partial, path);
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
  return { created: true };
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
