// npm links the bins of dependencies but not the project's own: link ours too, so
// `node_modules/.bin/marginalia` (and scripts that put .bin on PATH) find it.
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'bin/marginalia.js');
const link = join(root, 'node_modules/.bin/marginalia');
mkdirSync(dirname(link), { recursive: true });
rmSync(link, { force: true });
symlinkSync(relative(dirname(link), target), link);
chmodSync(target, 0o755);
