/**
 * The Electron main process: one instance, one window, one open project at a
 * time. It wires the pieces together — the secure window (window.ts), the IPC
 * transport (ipc.ts), the menu (menu.ts), remembered settings (settings.ts) —
 * and owns the switch from one project to another.
 */
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf } from '../errors.js';
import { ensureSampleProject, sampleCorpusDir, sampleProjectPath } from '../sample-project.js';
import type { MenuCommand } from './channels.js';
import { projectArgument } from './command-line.js';
import { chooseNewProjectPath, chooseProjectToOpen } from './dialogs.js';
import { registerIpcHandlers, sendMenuCommand } from './ipc.js';
import { buildAppMenu } from './menu.js';
import { electronNativeBinding } from './native-binding.js';
import { APP_ROOT } from './paths.js';
import { openProjectSession, projectName, type ProjectSession } from './project-session.js';
import { loadSettings, saveSettings, withOpenedProject, withoutProject, type Settings } from './settings.js';
import { createMainWindow, hardenSession, loadWorkbench, lockDownContents, placementOf } from './window.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';

const PRODUCT_NAME = 'Marginalia';

// In development Electron runs a bare script and would call itself "Electron",
// keeping its files under that name; settings and the instance lock belong
// under Marginalia's. An explicit --user-data-dir (tests, portable use) wins.
app.setName(PRODUCT_NAME);
app.setPath(
  'userData',
  app.commandLine.hasSwitch('user-data-dir')
    ? resolve(app.commandLine.getSwitchValue('user-data-dir'))
    : join(app.getPath('appData'), PRODUCT_NAME),
);

// Before 'ready', as Electron requires: the workbench is served from app://workbench, not file://.
registerAppScheme();

const settingsFile = join(app.getPath('userData'), 'settings.json');
const ownEntries = [fileURLToPath(import.meta.url), APP_ROOT, app.getAppPath()];

let settings: Settings = loadSettings(settingsFile);
let current: ProjectSession | null = null;
let mainWindow: BrowserWindow | null = null;
/** A project file macOS asked us to open before the app was ready. */
let projectOpenedEarly: string | null = null;

function updateSettings(next: Settings): void {
  settings = next;
  try {
    saveSettings(settingsFile, settings);
  } catch (error) {
    console.warn(`Could not save ${settingsFile}: ${messageOf(error)}`);
  }
}

function windowTitle(): string {
  return current ? `${projectName(current.dbPath)} — ${PRODUCT_NAME}` : PRODUCT_NAME;
}

function refreshMenu(): void {
  Menu.setApplicationMenu(
    buildAppMenu(settings.recentProjects, {
      newProject: () => void newProject(),
      openProject: () => void openProjectFromDialog(),
      openRecentProject: (path) => void switchProject(path, { mustExist: true }),
      sendCommand,
    }),
  );
}

function sendCommand(command: MenuCommand): void {
  if (mainWindow) sendMenuCommand(mainWindow, command);
}

function showProblem(title: string, error: unknown): void {
  dialog.showErrorBox(title, messageOf(error));
}

/**
 * Makes `path` the open project: a new dispatcher over a new database handle,
 * then the workbench reloaded so nothing of the previous project stays on
 * screen. On failure the current project stays open and the reason is shown.
 */
async function switchProject(path: string, options: { mustExist?: boolean } = {}): Promise<void> {
  if (current?.dbPath === path) {
    focusMainWindow();
    return;
  }
  let next: ProjectSession;
  try {
    next = openProjectSession(path, electronNativeBinding(), options);
  } catch (error) {
    if (options.mustExist && !existsSync(path)) {
      updateSettings(withoutProject(settings, path));
      refreshMenu();
    }
    showProblem('Cannot open the project', error);
    return;
  }
  const previous = current;
  current = next;
  previous?.close();
  updateSettings(withOpenedProject(settings, path));
  refreshMenu();
  if (mainWindow) {
    mainWindow.setTitle(windowTitle());
    loadWorkbench(mainWindow);
    focusMainWindow();
  } else {
    openMainWindow();
  }
}

async function newProject(): Promise<void> {
  const path = await chooseNewProjectPath(mainWindow);
  if (path === null) return;
  // Never reuse an existing file as a "new" project: it may be another project,
  // or another program's database that a migration would alter.
  if (existsSync(path)) {
    showProblem('Cannot create the project', new Error(`${path} already exists. Use File → Open Project… to open it, or choose another name.`));
    return;
  }
  await switchProject(path);
}

async function openProjectFromDialog(): Promise<void> {
  const path = await chooseProjectToOpen(mainWindow);
  if (path !== null) await switchProject(path, { mustExist: true });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openMainWindow(): void {
  const window = createMainWindow({ title: windowTitle(), placement: settings.window });
  window.on('close', () => updateSettings({ ...settings, window: placementOf(window) }));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

/**
 * The project to open at start: one named on the command line (or by macOS),
 * else the last one, else the sample project — created on first run.
 */
async function initialProject(): Promise<string> {
  // A stray argument must not create a database, so a named project must exist.
  const named = projectOpenedEarly ?? projectArgument(process.argv, process.cwd(), ownEntries);
  if (named !== null && existsSync(named)) return named;
  if (named !== null) showProblem('Cannot open the project', new Error(`${named}: no such project file`));
  if (settings.lastProject !== null) {
    if (existsSync(settings.lastProject)) return settings.lastProject;
    updateSettings(withoutProject(settings, settings.lastProject));
  }
  return prepareSampleProject();
}

/** The sample project's path, after creating it if this is the first run. */
async function prepareSampleProject(): Promise<string> {
  const samplePath = sampleProjectPath();
  await ensureSampleProject(samplePath, sampleCorpusDir(), { nativeBinding: electronNativeBinding() });
  return samplePath;
}

async function start(): Promise<void> {
  serveAppScheme();
  hardenSession(session.defaultSession);
  registerIpcHandlers(() => current?.dispatch ?? null);
  refreshMenu();
  let path: string;
  try {
    path = await initialProject();
  } catch (error) {
    showProblem('Marginalia cannot start', error);
    app.quit();
    return;
  }
  await switchProject(path, { mustExist: true });
  // The sample is the way back when the chosen project cannot be opened.
  if (current === null && path !== sampleProjectPath()) {
    try {
      await switchProject(await prepareSampleProject(), { mustExist: true });
    } catch (error) {
      showProblem('Cannot open the sample project', error);
    }
  }
  if (current === null) app.quit();
}

if (!app.requestSingleInstanceLock()) {
  // Another Marginalia is running: it receives our arguments ('second-instance') and comes to the front.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const named = projectArgument(argv, workingDirectory, ownEntries);
    if (named !== null) void switchProject(named, { mustExist: true });
    else focusMainWindow();
  });
  // macOS delivers files opened from Finder or the Dock here, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) void switchProject(path, { mustExist: true });
    else projectOpenedEarly = path;
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => {
    // macOS apps stay running without windows; 'activate' brings one back.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && mainWindow === null && current !== null) openMainWindow();
  });
  app.on('will-quit', () => {
    current?.close();
    current = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      showProblem('Marginalia cannot start', error);
      app.quit();
    });
}
