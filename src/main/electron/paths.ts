/**
 * Where the shell's own files are, worked out from this module's place in dist/
 * so it holds both in development (dist/ in the checkout) and packaged (dist/
 * inside app.asar).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The application root: the checkout in development, app.asar when packaged. */
export const APP_ROOT = resolve(here, '../../..');

/** The built workbench (`npx vite build`). */
export const RENDERER_DIR = join(APP_ROOT, 'dist', 'renderer');
export const RENDERER_INDEX = join(RENDERER_DIR, 'index.html');

/** The app's own scheme and host, from which the window loads the workbench (app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
/** The workbench page's address. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The sandboxed preload, compiled from preload.cts. */
export const PRELOAD_SCRIPT = join(here, 'preload.cjs');

/** True when `url` is the workbench page itself (any query or fragment), and nothing else. */
export function isAppPage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && (parsed.pathname === '/index.html' || parsed.pathname === '/');
}
