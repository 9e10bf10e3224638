// Builds a second copy of better-sqlite3 for Electron's ABI in .electron-native/.
//
// node_modules/better-sqlite3 is built for Node: the tests, the CLI and browser
// mode load it, so it is never touched here. Electron has another ABI and loads
// .electron-native/better-sqlite3/build/Release/better_sqlite3.node instead
// (src/main/electron/native-binding.ts); electron-builder ships that file as an
// extra resource. A stamp records what the build was made for, so it is redone
// only when Electron, better-sqlite3, the platform or the architecture change.
//
//   node scripts/electron-native.mjs [--force]
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));

/** Where the Electron copy lives (git-ignored). No package.json may sit here: @electron/rebuild stops looking at it. */
export const NATIVE_DIR = join(ROOT, '.electron-native');
const MODULE_DIR = join(NATIVE_DIR, 'better-sqlite3');
const STAMP = join(NATIVE_DIR, 'build-stamp.json');

/** The addon Electron loads in development. */
export const ELECTRON_ADDON = join(MODULE_DIR, 'build', 'Release', 'better_sqlite3.node');

function packageVersion(name) {
  return JSON.parse(readFileSync(requireFromRoot.resolve(`${name}/package.json`), 'utf8')).version;
}

/** What the addon must be built for, now. */
function wantedBuild() {
  return {
    electron: packageVersion('electron'),
    betterSqlite3: packageVersion('better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  };
}

/** True when the Electron addon exists and was built for the installed Electron and better-sqlite3. */
export function isElectronAddonCurrent() {
  if (!existsSync(ELECTRON_ADDON) || !existsSync(STAMP)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(STAMP, 'utf8'))) === JSON.stringify(wantedBuild());
  } catch {
    return false;
  }
}

/**
 * Makes sure the Electron-ABI addon exists and is current, building it when not
 * (or always, with `force`). Returns the addon's path; throws when the build fails.
 */
export async function ensureElectronAddon({ force = false, log = console.log } = {}) {
  if (!force && isElectronAddonCurrent()) return ELECTRON_ADDON;
  const wanted = wantedBuild();
  const source = dirname(requireFromRoot.resolve('better-sqlite3/package.json'));
  log(`Building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} in ${relative(ROOT, MODULE_DIR)}…`);

  // The stamp goes first and comes back last: a build that fails halfway is never taken for current.
  rmSync(STAMP, { force: true });
  rmSync(MODULE_DIR, { recursive: true, force: true });
  mkdirSync(NATIVE_DIR, { recursive: true });
  // Sources only: the Node build in build/ must not pass for an Electron one.
  const skipped = join(source, 'build');
  cpSync(source, MODULE_DIR, {
    recursive: true,
    filter: (path) => path !== skipped && !path.startsWith(skipped + sep),
  });

  const { rebuild } = await import('@electron/rebuild');
  // buildPath is the copied module itself (it has binding.gyp); with no
  // package.json above it, @electron/rebuild looks at nothing else.
  await rebuild({
    buildPath: MODULE_DIR,
    electronVersion: wanted.electron,
    onlyModules: ['better-sqlite3'],
    force: true,
  });
  if (!existsSync(ELECTRON_ADDON)) throw new Error(`the rebuild finished but ${ELECTRON_ADDON} is missing`);
  writeFileSync(STAMP, `${JSON.stringify(wanted, null, 2)}\n`);
  return ELECTRON_ADDON;
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runAsScript) {
  const force = process.argv.includes('--force');
  try {
    const addon = await ensureElectronAddon({ force });
    console.log(`better-sqlite3 for Electron ${wantedBuild().electron}: ${relative(ROOT, addon)}`);
  } catch (error) {
    console.error(`electron-native: could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : String(error)}`);
    console.error('It needs the network (prebuilt binaries or Electron headers) or a C++ tool chain.');
    process.exitCode = 1;
  }
}
