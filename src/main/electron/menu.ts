/**
 * The application menu. Project items (New, Open, Open Recent) are handled in the
 * main process with native dialogs; undo, redo, import and export are sent to the
 * workbench as commands, because the workbench owns the edit history and shows
 * the progress of jobs.
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuCommand } from './channels.js';

/** What the menu's items do; main.ts supplies them. */
export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecentProject(path: string): void;
  /** Sends a command to the workbench window. */
  sendCommand(command: MenuCommand): void;
}

const isMac = process.platform === 'darwin';

function recentProjectsMenu(recentProjects: readonly string[], actions: MenuActions): MenuItemConstructorOptions {
  const items: MenuItemConstructorOptions[] =
    recentProjects.length === 0
      ? [{ label: 'No recent projects', enabled: false }]
      : recentProjects.map((path) => ({
          // The full path tells apart two projects with the same file name.
          label: `${basename(path)} — ${path}`,
          click: () => actions.openRecentProject(path),
        }));
  return { label: 'Open Recent', submenu: items };
}

/** Builds the menu for the current list of recent projects (rebuilt when it changes). */
export function buildAppMenu(recentProjects: readonly string[], actions: MenuActions): Menu {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      recentProjectsMenu(recentProjects, actions),
      { type: 'separator' },
      { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: () => actions.sendCommand('import') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.sendCommand('export') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.sendCommand('undo') },
      { label: 'Redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: () => actions.sendCommand('redo') },
      // Windows and Linux users expect Ctrl+Shift+Z as well; one item can carry one accelerator.
      ...(isMac
        ? []
        : [{ label: 'Redo', accelerator: 'Ctrl+Shift+Z', visible: false, acceleratorWorksWhenHidden: true, click: () => actions.sendCommand('redo') }]),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      // Developer tools only in development: a packaged app has no use for them.
      ...(app.isPackaged ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const)),
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    edit,
    view,
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
  ];
  return Menu.buildFromTemplate(template);
}
