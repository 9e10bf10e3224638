/**
 * The workbench is served to the window from the app's own scheme
 * (app://workbench/…) rather than file://: a page on file:// may read other
 * local files, while this scheme answers only with the built workbench's files,
 * each with the Content-Security-Policy, and nothing outside dist/renderer.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { resolveStatic, contentTypeOf } from '../server/static-files.js';
import { APP_HOST, APP_SCHEME, RENDERER_DIR } from './paths.js';
import { CONTENT_SECURITY_POLICY } from './window.js';

/** Declares the scheme as a standard, secure origin. Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Answers app://workbench/… from the built workbench; anything else is not found. */
export function serveAppScheme(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStatic(RENDERER_DIR, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    return new Response(await readFile(file), {
      headers: { 'content-type': contentTypeOf(file), 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
    });
  });
}
