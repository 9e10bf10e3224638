/**
 * IPC channel names between main and preload. The sandboxed preload cannot
 * import this module (it may require only 'electron'), so preload.cts repeats
 * these strings: change both together.
 */

/** One operation of src/shared/api.ts: `(name, input) => ApiResult`. */
export const CALL_CHANNEL = 'marginalia:call';
/** A native open dialog for files or folders to import. */
export const OPEN_DIALOG_CHANNEL = 'marginalia:dialog-open';
/** A native save dialog for an export target. */
export const SAVE_DIALOG_CHANNEL = 'marginalia:dialog-save';
/** Preload → main: the path of a file or folder the person dropped on the window, which the page may then import. */
export const DROPPED_PATH_CHANNEL = 'marginalia:dropped-path';
/** Main → renderer: a menu item the workbench carries out (it owns undo, import and export). */
export const MENU_CHANNEL = 'marginalia:menu';

/** Menu items the renderer carries out itself. */
export const MENU_COMMANDS = ['undo', 'redo', 'import', 'export'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
