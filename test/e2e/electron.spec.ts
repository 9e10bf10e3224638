/**
 * The desktop shell end to end: Electron opens a project given on its command
 * line and the window shows the project's document list, from a sandboxed page
 * with no Node in it. Where the Electron binary is missing (it is downloaded on
 * first use, which this machine cannot do) the test is reported as skipped; the
 * same workbench is tested in browser mode by workbench.spec.ts.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ELECTRON_MAIN = join(REPO_ROOT, 'dist/main/electron/main.js');
const RENDERER_INDEX = join(REPO_ROOT, 'dist/renderer/index.html');
const ELECTRON_ADDON = join(REPO_ROOT, '.electron-native/better-sqlite3/build/Release/better_sqlite3.node');
const SAMPLE_CORPUS = join(REPO_ROOT, 'resources/sample-corpus');
const CLI = join(REPO_ROOT, 'bin/marginalia.js');

/**
 * The installed Electron executable, or null. Unlike `require('electron')` this
 * never starts a download: it reads what the electron package recorded.
 */
function installedElectron(): string | null {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const executable = readFileSync(pathFile, 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
    const path = join(distDir, executable);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electronPath = installedElectron();
const electronAvailable = electronPath !== null;

test.describe('desktop app (Electron)', () => {
  test.skip(!electronAvailable, 'Electron binary not installed on this machine (downloads are blocked); the same UI is tested in browser mode');

  let dir = '';
  let app: ElectronApplication | undefined;

  test.beforeAll(() => {
    const missing = [ELECTRON_MAIN, RENDERER_INDEX, ELECTRON_ADDON].filter((path) => !existsSync(path));
    if (missing.length > 0) {
      throw new Error(`not built: ${missing.join(', ')}. Run \`npm run build && npx vite build && node scripts/electron-native.mjs\`.`);
    }
  });

  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-electron-'));
  });

  test.afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  test('opens the project named on its command line and lists its documents', async () => {
    // The project is made by the Node-side CLI; the app must open it with its own (Electron-ABI) addon.
    const dbPath = join(dir, 'e2e-project.sqlite');
    execFileSync(process.execPath, [CLI, 'import', SAMPLE_CORPUS, '--db', dbPath], { stdio: 'pipe' });

    app = await electron.launch({
      executablePath: electronPath ?? undefined,
      // Settings and the single-instance lock in the temporary folder, not the user's.
      args: [ELECTRON_MAIN, `--user-data-dir=${join(dir, 'user-data')}`, dbPath],
      env: { ...process.env, MARGINALIA_HOME: join(dir, 'home') },
    });
    const window = await app.firstWindow();

    const documents = window.getByRole('listbox', { name: 'Documents' });
    await expect(documents.getByRole('option').first()).toBeVisible();
    await expect(documents.getByRole('option', { name: 'Latest health news', exact: true })).toBeVisible();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe('e2e-project — Marginalia');

    // The page reaches the Node side only through the bridge's named functions.
    const page = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { marginalia?: object }).marginalia ?? {}).sort(),
    }));
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['call', 'chooseFiles', 'chooseSavePath', 'onMenuCommand', 'pathForFile', 'shell'],
    });
  });
});
