/**
 * The sandboxed preload: the only place ipcRenderer is used. It exposes a few
 * named functions on `window.marginalia` and never ipcRenderer itself, so the
 * page can ask for exactly these things and nothing else.
 *
 * CommonJS because sandboxed preloads cannot be ES modules; and self-contained
 * because a sandboxed preload may require only 'electron' — the channel names
 * are repeated from channels.ts, change both together.
 */
// `import … from` is not allowed in a CommonJS file under verbatimModuleSyntax; this is its CommonJS form.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');

const { contextBridge, ipcRenderer, webUtils } = electron;

const CALL_CHANNEL = 'marginalia:call';
const OPEN_DIALOG_CHANNEL = 'marginalia:dialog-open';
const SAVE_DIALOG_CHANNEL = 'marginalia:dialog-save';
const MENU_CHANNEL = 'marginalia:menu';
const DROPPED_PATH_CHANNEL = 'marginalia:dropped-path';

type MenuCommand = 'undo' | 'redo' | 'import' | 'export';
const MENU_COMMANDS: readonly string[] = ['undo', 'redo', 'import', 'export'];

/** What the workbench finds on `window.marginalia` in the desktop app. */
interface MarginaliaBridge {
  readonly shell: 'electron';
  /** Runs one operation of src/shared/api.ts; resolves to its ApiResult. */
  call(name: string, input: unknown): Promise<unknown>;
  /** A native dialog for files to import (or folders, with `{ folders: true }`); [] when cancelled. */
  chooseFiles(options?: { folders?: boolean }): Promise<string[]>;
  /** A native save dialog for an export, suggesting `defaultName`; null when cancelled. */
  chooseSavePath(options?: { defaultName?: string }): Promise<string | null>;
  /** Calls `listener` for each menu command (undo, redo, import, export); returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** The file-system path of a file dropped on the window ('' when it is not a file on disk). */
  pathForFile(file: File): string;
}

const bridge: MarginaliaBridge = {
  shell: 'electron',
  call: (name, input) => ipcRenderer.invoke(CALL_CHANNEL, name, input),
  chooseFiles: (options) => ipcRenderer.invoke(OPEN_DIALOG_CHANNEL, { folders: options?.folders === true }),
  chooseSavePath: (options) =>
    ipcRenderer.invoke(SAVE_DIALOG_CHANNEL, options?.defaultName === undefined ? {} : { defaultName: options.defaultName }),
  onMenuCommand(listener) {
    // The page gets the command only: the IPC event would hand it the sender.
    const forward = (_event: Electron.IpcRendererEvent, command: unknown): void => {
      if (typeof command === 'string' && MENU_COMMANDS.includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, forward);
    };
  },
  pathForFile(file) {
    // Only a file the person gave the page (a drop) has a path; main lets the page import what was dropped, nothing else.
    const path = webUtils.getPathForFile(file);
    if (path !== '') ipcRenderer.send(DROPPED_PATH_CHANNEL, path);
    return path;
  },
};

contextBridge.exposeInMainWorld('marginalia', bridge);
