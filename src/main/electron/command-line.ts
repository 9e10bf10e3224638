import { resolve } from 'node:path';

/**
 * The project file named on a command line (`marginalia-app notes.sqlite`, or a
 * file opened with the app), resolved against `workingDirectory`, or null.
 * Switches (Chromium's and Playwright's among them) and the app's own entry
 * script are skipped; when several files are named the last one wins.
 */
export function projectArgument(argv: readonly string[], workingDirectory: string, ownEntries: readonly string[]): string | null {
  const own = new Set(ownEntries.map((entry) => resolve(entry)));
  const candidates = argv
    .slice(1) // the executable
    .filter((arg) => arg !== '' && !arg.startsWith('-'))
    .map((arg) => resolve(workingDirectory, arg))
    .filter((path) => !own.has(path));
  return candidates.at(-1) ?? null;
}
