/**
 * Which better-sqlite3 addon the shell loads. node_modules holds the build for
 * Node (tests, CLI, browser mode) and must stay so; Electron has another ABI and
 * gets its own copy, built by scripts/electron-native.mjs and shipped by
 * electron-builder as an extra resource.
 */
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { APP_ROOT } from './paths.js';

/** Path of the better-sqlite3 addon built for this Electron; throws a readable error when it is missing. */
export function electronNativeBinding(): string {
  const path = app.isPackaged
    ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : join(APP_ROOT, '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(path)) {
    throw new UserError(
      app.isPackaged
        ? `${path} is missing: this installation is incomplete; reinstall Marginalia.`
        : `${path} is missing: run \`node scripts/electron-native.mjs\` (npm start does it for you).`,
    );
  }
  return path;
}
