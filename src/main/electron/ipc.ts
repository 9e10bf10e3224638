/**
 * The IPC transport: the only place ipcMain is used, and the one place main
 * sends to the page. Every message is checked for its sender (the workbench
 * page, nothing else) before anything runs, and every payload is parsed — the
 * renderer is not trusted (STYLE.md §2).
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { isOperationName, type ApiResult } from '../../shared/api.js';
import type { Dispatch } from '../api/dispatcher.js';
import { CALL_CHANNEL, DROPPED_PATH_CHANNEL, MENU_CHANNEL, OPEN_DIALOG_CHANNEL, SAVE_DIALOG_CHANNEL, type MenuCommand } from './channels.js';
import { chooseExportTarget, chooseImportSources } from './dialogs.js';
import { createGrantedPaths, type GrantedPaths } from './granted-paths.js';
import { isAppPage } from './paths.js';

const UNTRUSTED: ApiResult<never> = { ok: false, error: { code: 'failed', message: 'untrusted sender' } };
const NO_PROJECT: ApiResult<never> = { ok: false, error: { code: 'failed', message: 'no project is open' } };

/** What the renderer may ask of the open dialog. */
const OpenDialogRequest = z.object({ folders: z.boolean().default(false) }).strict();
/** What the renderer may ask of the save dialog. */
const SaveDialogRequest = z.object({ defaultName: z.string().min(1).max(255).optional() }).strict();

/** True when the message comes from the workbench page itself, not from a frame or page it loaded. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppPage(frame.url);
}

function requireTrustedSender(event: IpcMainInvokeEvent): void {
  if (!isTrustedSender(event)) throw new Error('untrusted sender');
}

/**
 * Why an import or export the page asks for names a path the person did not
 * hand over (a dialog or a drop in this session), or null when it may go on.
 */
function ungrantedPath(granted: GrantedPaths, name: string, input: unknown): string | null {
  const request = (typeof input === 'object' && input !== null ? input : {}) as { paths?: unknown; path?: unknown };
  if (name === 'import:paths' && Array.isArray(request.paths)) {
    const refused = granted.refusedReads(request.paths.filter((path): path is string => typeof path === 'string'));
    if (refused.length > 0) return `${refused[0]}: import only files and folders chosen in the Import dialog or dropped on the window`;
  }
  if (name === 'export:start' && typeof request.path === 'string' && !granted.mayWrite(request.path)) {
    return `${request.path}: export only to a place chosen in the Export dialog`;
  }
  return null;
}

/**
 * Registers the handlers once for the app's lifetime. `currentDispatch` is asked
 * on every call, so switching projects needs no re-registration.
 */
export function registerIpcHandlers(currentDispatch: () => Dispatch | null): void {
  const granted = createGrantedPaths();
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event)) return UNTRUSTED;
    if (!isOperationName(name)) {
      return { ok: false, error: { code: 'unknown_operation', message: `unknown operation "${String(name)}"` } };
    }
    const ungranted = ungrantedPath(granted, name, input);
    if (ungranted !== null) return { ok: false, error: { code: 'conflict', message: ungranted } };
    const dispatch = currentDispatch();
    return dispatch ? dispatch(name, input) : NO_PROJECT;
  });

  ipcMain.handle(OPEN_DIALOG_CHANNEL, async (event, request: unknown): Promise<string[]> => {
    requireTrustedSender(event);
    const { folders } = OpenDialogRequest.parse(request ?? {});
    const chosen = await chooseImportSources(BrowserWindow.fromWebContents(event.sender), { folders });
    for (const path of chosen) granted.grantRead(path);
    return chosen;
  });

  ipcMain.on(DROPPED_PATH_CHANNEL, (event, path: unknown) => {
    // Sent by the preload only when the page gives it a File the person dropped.
    if (!isTrustedSender(event as unknown as IpcMainInvokeEvent) || typeof path !== 'string' || path === '') return;
    granted.grantRead(path);
  });

  ipcMain.handle(SAVE_DIALOG_CHANNEL, async (event, request: unknown): Promise<string | null> => {
    requireTrustedSender(event);
    const { defaultName } = SaveDialogRequest.parse(request ?? {});
    const chosen = await chooseExportTarget(BrowserWindow.fromWebContents(event.sender), defaultName);
    if (chosen !== null) granted.grantWrite(chosen);
    return chosen;
  });
}

/** Sends a menu command to the workbench (preload's onMenuCommand hands it on). */
export function sendMenuCommand(window: BrowserWindow, command: MenuCommand): void {
  window.webContents.send(MENU_CHANNEL, command);
}
