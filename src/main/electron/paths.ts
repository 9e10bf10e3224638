/**
 * Where the shell's own files are, worked out from this module's place in dist/
 * so it holds both in development (dist/ in the checkout) and packaged (dist/
 * inside app.asar).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The application root: the checkout in development, app.asar when packaged. */
export const APP_ROOT = resolve(here, '../../..');

/** The built workbench (`npx vite build`). */
export const RENDERER_INDEX = join(APP_ROOT, 'dist', 'renderer', 'index.html');

/** The sandboxed preload, compiled from preload.cts. */
export const PRELOAD_SCRIPT = join(here, 'preload.cjs');

const appPage = new URL(pathToFileURL(RENDERER_INDEX).href);

/** True when `url` is the workbench page itself (any query or fragment), and nothing else. */
export function isAppPage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'file:' && parsed.host === appPage.host && parsed.pathname === appPage.pathname;
}
