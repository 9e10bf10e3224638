/**
 * Summaries of the `node --cpu-prof` profiles the team sync benchmark takes
 * with --profile: where each process spent its CPU, by function (self time).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  /** The folder the profile was written to: join, sync, server. */
  readonly name: string;
  readonly sampledSeconds: number;
  readonly top: readonly { readonly function: string; readonly percent: number }[];
}

/** Where a function lives, short: a package's name, or the file under src/. */
function placeOf(url: string): string {
  if (url === '') return '';
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged) return packaged[1] as string;
  if (url.startsWith('node:')) return url;
  const source = /\/(src\/.+)$/.exec(url);
  return source ? (source[1] as string) : basename(url);
}

/** Self time by function, largest first, without idle time. */
export function summariseProfile(path: string, name: string, top = 8): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (node === undefined || node.callFrame.functionName === '(idle)') return;
    const place = placeOf(node.callFrame.url);
    const label = `${node.callFrame.functionName || '(anonymous)'}${place === '' ? '' : ` (${place})`}`;
    selfMicros.set(label, (selfMicros.get(label) ?? 0) + delta);
    total += delta;
  });
  const ranked = [...selfMicros.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { name, sampledSeconds: total / 1e6, top: ranked.map(([label, micros]) => ({ function: `\`${label}\``, percent: (100 * micros) / Math.max(total, 1) })) };
}

/** Summarises every profile under `root`, one folder per process kind. */
export function summariseProfiles(root: string): ProfileSummary[] {
  if (!existsSync(root)) return [];
  const summaries: ProfileSummary[] = [];
  for (const folder of readdirSync(root)) {
    const dir = join(root, folder);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) summaries.push(summariseProfile(join(dir, file), folder));
  }
  return summaries;
}

if (process.argv[1]?.endsWith('team-sync-profile.ts')) {
  for (const path of process.argv.slice(2)) {
    const summary = summariseProfile(path, basename(path));
    process.stdout.write(`${path}: ${summary.sampledSeconds.toFixed(1)} s sampled\n`);
    for (const entry of summariseProfile(path, basename(path), 25).top) process.stdout.write(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.function}\n`);
  }
}
