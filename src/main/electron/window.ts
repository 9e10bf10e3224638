/**
 * The one place a BrowserWindow is made, with the security settings of
 * ../shared/STYLE.md §6: isolated, sandboxed, no Node in the page, a strict
 * Content-Security-Policy, no new windows, no navigation away from the app, no
 * permissions. Every window of the app comes from here.
 */
import { BrowserWindow, screen, type Rectangle, type Session, type WebContents } from 'electron';
import type { WindowPlacement } from './settings.js';
import { APP_PAGE_URL, isAppPage, PRELOAD_SCRIPT, RENDERER_INDEX } from './paths.js';

/** The policy for every page the app loads; the workbench needs nothing from elsewhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const DEFAULT_SIZE = { width: 1280, height: 820 };
const MIN_SIZE = { width: 720, height: 480 };

/**
 * Denies every permission (camera, notifications, clipboard reads…) and sets the
 * CSP header on every response. Call once, before the first window loads.
 * The workbench's own scheme sets it too (app-protocol.ts), and the page
 * carries the same policy in a <meta> tag as well.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/**
 * Refuses new windows, navigation and redirects away from the workbench, and
 * <webview> tags, on any web contents (the app wires it to every one created).
 */
export function lockDownContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppPage(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPage(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** True when some display shows at least part of the rectangle (a monitor may have gone since). */
function isOnScreen(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea }) => {
    const overlapX = Math.min(bounds.x + bounds.width, workArea.x + workArea.width) - Math.max(bounds.x, workArea.x);
    const overlapY = Math.min(bounds.y + bounds.height, workArea.y + workArea.height) - Math.max(bounds.y, workArea.y);
    return overlapX >= 100 && overlapY >= 50;
  });
}

export interface MainWindowOptions {
  readonly title: string;
  /** Where the window was last time; ignored when no display shows it any more. */
  readonly placement: WindowPlacement | null;
}

/** Creates the workbench window with the secure defaults and starts loading the page. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placement = options.placement && isOnScreen(options.placement) ? options.placement : null;
  const window = new BrowserWindow({
    ...(placement ? { x: placement.x, y: placement.y, width: placement.width, height: placement.height } : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: options.title,
    show: false,
    webPreferences: {
      preload: PRELOAD_SCRIPT,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  if (placement?.maximized) window.maximize();
  lockDownContents(window.webContents);
  // The title says which project is open; the page's <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  loadWorkbench(window);
  return window;
}

/** (Re)loads the workbench page, e.g. after switching projects; reports a missing build plainly. */
export function loadWorkbench(window: BrowserWindow): void {
  window.loadURL(APP_PAGE_URL).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Could not load ${RENDERER_INDEX} (${reason}). Build the workbench with \`npx vite build\`.`);
    window.show();
  });
}

/** Where the window is now, for the settings (the normal bounds, even when maximised). */
export function placementOf(window: BrowserWindow): WindowPlacement {
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
}
