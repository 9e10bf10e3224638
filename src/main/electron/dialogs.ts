/** Native file dialogs: projects to create or open, files to import, where to export. */
import { app, dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { basename, extname, join } from 'node:path';

const PROJECT_EXTENSION = 'sqlite';
const PROJECT_FILTERS: FileFilter[] = [
  { name: 'Marginalia projects', extensions: [PROJECT_EXTENSION, 'db'] },
  { name: 'All files', extensions: ['*'] },
];
const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Documents', extensions: ['txt', 'text', 'md', 'markdown', 'html', 'htm', 'xhtml', 'jsonl', 'ndjson', 'json', 'csv', 'tsv'] },
  { name: 'All files', extensions: ['*'] },
];
const EXPORT_FILTERS: Readonly<Record<string, FileFilter>> = {
  '.jsonl': { name: 'JSON Lines', extensions: ['jsonl'] },
  '.json': { name: 'JSON', extensions: ['json'] },
  '.csv': { name: 'CSV', extensions: ['csv'] },
};

// A null parent gives an unowned dialog; Electron's overloads want the two forms spelt apart.
async function showOpen(parent: BrowserWindow | null, options: OpenDialogOptions): Promise<string[]> {
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

async function showSave(parent: BrowserWindow | null, options: SaveDialogOptions): Promise<string | null> {
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || result.filePath === '' ? null : result.filePath;
}

/** Asks where to create a new project; the `.sqlite` extension is added when left off. */
export async function chooseNewProjectPath(parent: BrowserWindow | null): Promise<string | null> {
  const path = await showSave(parent, {
    title: 'New project',
    buttonLabel: 'Create',
    defaultPath: join(app.getPath('documents'), `Untitled.${PROJECT_EXTENSION}`),
    filters: PROJECT_FILTERS,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (path === null) return null;
  return extname(path) === '' ? `${path}.${PROJECT_EXTENSION}` : path;
}

/** Asks for an existing project to open. */
export async function chooseProjectToOpen(parent: BrowserWindow | null): Promise<string | null> {
  const [path] = await showOpen(parent, { title: 'Open project', filters: PROJECT_FILTERS, properties: ['openFile'] });
  return path ?? null;
}

/** Asks for files (or folders, which import recursively) to import. */
export async function chooseImportSources(parent: BrowserWindow | null, options: { folders: boolean }): Promise<string[]> {
  return showOpen(parent, {
    title: options.folders ? 'Import folders' : 'Import files',
    buttonLabel: 'Import',
    // Windows and Linux cannot offer files and folders in one dialog, hence the choice.
    properties: [options.folders ? 'openDirectory' : 'openFile', 'multiSelections'],
    ...(options.folders ? {} : { filters: IMPORT_FILTERS }),
  });
}

/** Asks where to write an export; the filter follows the suggested name's extension. */
export async function chooseExportTarget(parent: BrowserWindow | null, defaultName = 'dataset.jsonl'): Promise<string | null> {
  // Only a name is taken from the renderer; the folder is the user's Documents.
  const name = basename(defaultName);
  const filter = EXPORT_FILTERS[extname(name).toLowerCase()];
  return showSave(parent, {
    title: 'Export',
    buttonLabel: 'Export',
    defaultPath: join(app.getPath('documents'), name),
    filters: filter ? [filter, { name: 'All files', extensions: ['*'] }] : [{ name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
}
