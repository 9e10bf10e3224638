// `npm start`: build what is missing or stale, then open the desktop app — or,
// where Electron cannot run, browser mode on the sample project.
//
//   npm start                  desktop app if possible, else browser mode
//   npm start -- --browser     browser mode even when Electron is available
//   npm start -- --port 4000   other arguments go to the app (or to `marginalia serve`)
//
// The sample project lives in $MARGINALIA_HOME, else the platform's data folder
// (see src/main/sample-project.ts), and is created on first run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_MAIN = join(ROOT, 'dist/main/electron/main.js');
const CLI = join(ROOT, 'bin/marginalia.js');

/** Newest modification time under `paths` (files or folders, recursively); 0 when none exist. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) if (!entry.startsWith('.')) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

/** True when an output is missing or some input changed after the oldest output was written. */
function isStale(inputs, outputs) {
  if (outputs.some((path) => !existsSync(path))) return true;
  const oldestOutput = Math.min(...outputs.map((path) => statSync(path).mtimeMs));
  return newestMtime(inputs) > oldestOutput;
}

/** Runs a command in the project folder with the terminal attached; exits when it fails. */
function runStep(description, command, args) {
  console.log(description);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' && command === 'npm' });
  if (result.status !== 0) {
    console.error(`npm start: ${description.replace(/…$/, '')} failed; see above.`);
    process.exit(result.status ?? 1);
  }
}

/** `npm run <script>`, through the npm (or other package manager) that started us when there is one. */
function runScript(description, script) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) runStep(description, process.execPath, [npmCli, 'run', script]);
  else runStep(description, 'npm', ['run', script]);
}

function buildWhatIsStale() {
  const shared = [join(ROOT, 'src/shared'), join(ROOT, 'package.json')];
  const nodeInputs = [join(ROOT, 'src/main'), join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json'), ...shared];
  const nodeOutputs = ['dist/main/cli/index.js', 'dist/main/sample-project.js', 'dist/main/electron/main.js', 'dist/main/electron/preload.cjs'];
  if (isStale(nodeInputs, nodeOutputs.map((path) => join(ROOT, path)))) {
    runScript('Building the Node side (npm run build)…', 'build');
  }
  const rendererInputs = [join(ROOT, 'src/renderer'), join(ROOT, 'index.html'), join(ROOT, 'vite.config.ts'), join(ROOT, 'public'), ...shared];
  if (isStale(rendererInputs, [join(ROOT, 'dist/renderer/index.html')])) {
    runStep('Building the workbench (vite build)…', process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build']);
  }
}

/**
 * The Electron executable, or null with the reason it cannot be used here. Asking
 * the electron package for its path downloads the binary on first use; that
 * runs in a child process, so a failed download (no network) is only a reason.
 */
async function findElectron() {
  const marker = '\nmarginalia-electron-path=';
  const probe = spawn(process.execPath, ['-e', `process.stdout.write(${JSON.stringify(marker)} + require('electron'))`], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only a real download takes this long; say why the start pauses.
  const notice = setTimeout(() => console.log('Fetching the Electron binary (first run only)…'), 3000);
  const giveUp = setTimeout(() => probe.kill(), 15 * 60 * 1000);
  let output = '';
  probe.stdout.on('data', (chunk) => (output += chunk));
  probe.stderr.on('data', () => {}); // the download's stack trace says nothing the one line below does not
  const code = await new Promise((done) => probe.on('close', done));
  clearTimeout(notice);
  clearTimeout(giveUp);
  const at = output.lastIndexOf(marker);
  const path = code === 0 && at >= 0 ? output.slice(at + marker.length).trim() : '';
  if (path === '' || !existsSync(path)) {
    return { path: null, reason: 'Electron is not available on this machine (its binary could not be downloaded)' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { path: null, reason: 'Electron cannot open a window here (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { path, reason: null };
}

/** Runs the app (or the server) as a child, passing signals on once and exiting as it exits. */
function runChild(command, args) {
  // Its own process group on POSIX, so a Ctrl-C reaches it once — through us — not twice.
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], detached: process.platform !== 'win32' });
  let firstSignalAt = 0;
  const forward = (signal) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const now = Date.now();
    if (firstSignalAt === 0) {
      firstSignalAt = now;
      child.kill(signal);
    } else if (now - firstSignalAt > 2000) {
      // A second Ctrl-C, not npm echoing the first one: stop waiting for a clean exit.
      child.kill('SIGKILL');
    }
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  process.on('exit', () => forward('SIGTERM'));
  child.on('error', (error) => {
    console.error(`npm start: could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const name of signals) process.off(name, forward);
    // Die the way the child died, so whoever started npm sees the same outcome.
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 0);
  });
}

async function startBrowserMode(args) {
  const { ensureSampleProject, sampleCorpusDir, sampleProjectPath } = await import(pathToFileURL(join(ROOT, 'dist/main/sample-project.js')).href);
  const samplePath = sampleProjectPath();
  try {
    const { created } = await ensureSampleProject(samplePath, sampleCorpusDir());
    if (created) console.log(`Created the sample project: ${samplePath}`);
  } catch (error) {
    console.error(`npm start: could not create the sample project at ${samplePath}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  runChild(process.execPath, [CLI, 'serve', '--db', samplePath, ...args]);
}

async function startElectron(electronPath, args) {
  const { ensureElectronAddon } = await import('./electron-native.mjs');
  try {
    await ensureElectronAddon();
  } catch (error) {
    return `Could not build better-sqlite3 for Electron (${error instanceof Error ? error.message : String(error)})`;
  }
  runChild(electronPath, [ELECTRON_MAIN, ...args]);
  return null;
}

const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const passOn = args.filter((arg) => arg !== '--browser');

buildWhatIsStale();
if (browserOnly) {
  await startBrowserMode(passOn);
} else {
  const electron = await findElectron();
  const problem = electron.path === null ? electron.reason : await startElectron(electron.path, passOn);
  if (problem !== null) {
    console.log(`${problem}; starting browser mode instead.`);
    await startBrowserMode(passOn);
  }
}
