import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { DUPLICATE_KINDS, DUPLICATE_STATUSES, type DuplicateKind, type DuplicateStatus } from '../../shared/model.js';
import { UserError } from '../errors.js';
import { BUNDLE_ENTRIES, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleCluster, type BundleMember } from '../export/formats/bundle.js';
import type { Db } from '../store/connection.js';
import { writeTransaction } from '../store/statements.js';
import { contentHash, documentIdByContentHash } from '../store/documents.js';
import { addMember, clustersWithMember, createCluster, setClusterDecision, setMemberStatus } from '../store/duplicates.js';
import { textChunks } from './file-text.js';
import type { BundleTeam } from '../export/formats/bundle-team.js';
import { teamFrom } from './bundle-team.js';
import { jsonParts } from './json-elements.js';
import type { FsPath } from './walk.js';

/**
 * The largest manifest or duplicates.json read, held in memory to be parsed
 * (256 MB); the json export itself goes to a temporary file and is streamed.
 */
export const MAX_BUNDLE_PART_BYTES = 256 * 1024 * 1024;

/**
 * What a bundle may unpack to, checked as it is unpacked so a zip bomb is
 * refused after a moment's work. A bundle is three files of JSON, which deflate
 * packs some 3 to 20 times smaller; a bomb packs a thousand times.
 */
export const BUNDLE_LIMITS = {
  /** Files in the archive (a bundle holds 3). */
  entries: 1000,
  /**
   * Bytes unpacked, all files together, per byte of the bundle: checked against
   * the part of the bundle read so far, so a bomb is stopped at its first pieces…
   */
  ratio: 100,
  /** …though any bundle may unpack to this much (16 MiB)… */
  floorBytes: 16 * 1024 * 1024,
  /** …and none to more than this (8 GiB). */
  totalBytes: 8 * 1024 * 1024 * 1024,
} as const;

/**
 * Bytes of the bundle handed to the unzipper at a time: it inflates a whole piece
 * at once, so this bounds the memory and time one piece of a bomb can take
 * (deflate packs at most about 1,000 times: some 32 MB).
 */
const ZIP_CHUNK_BYTES = 32 * 1024;

/** How much a bundle may unpack to once `readBytes` of it have been read. */
export function unpackLimit(readBytes: number): number {
  return Math.min(BUNDLE_LIMITS.totalBytes, Math.max(BUNDLE_LIMITS.floorBytes, BUNDLE_LIMITS.ratio * readBytes));
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

const megabytes = (bytes: number): string => (bytes / 1e6).toFixed(bytes < 10e6 ? 2 : 0);

/** Why a bundle that unpacked `unpacked` bytes from its first `readBytes` (of `bundleBytes`) is refused: the limit it passed. */
function tooLarge(unpacked: number, readBytes: number, bundleBytes: number): UserError {
  if (unpackLimit(readBytes) === BUNDLE_LIMITS.totalBytes) return new UserError(`unpacks to more than ${BUNDLE_LIMITS.totalBytes / 1024 ** 3} GiB: refused as a zip bomb`);
  const from = readBytes >= bundleBytes ? `from ${megabytes(bundleBytes)} MB` : `from its first ${megabytes(readBytes)} MB of ${megabytes(bundleBytes)} MB`;
  return new UserError(`unpacks to more than ${BUNDLE_LIMITS.ratio} times its size (${megabytes(unpacked)} MB ${from}): refused as a zip bomb`);
}

/** True when `path` names a project bundle: a .marginalia file, or a .zip (checked for the zip magic when read). */
export function isBundlePath(path: string): boolean {
  return /\.(zip|marginalia)$/i.test(path);
}

/** True when the file starts with a zip archive's local header. */
export function hasZipMagic(path: FsPath): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, head, 0, 4, 0);
    return read === 4 && ZIP_MAGIC.every((byte, i) => head[i] === byte);
  } finally {
    closeSync(fd);
  }
}

/** A bundle's duplicate clusters, and the content hash of each document of its json export, by index. */
export interface ReadBundle {
  readonly documentHashes: readonly string[];
  readonly clusters: readonly BundleCluster[];
  /** Annotators, assignments and done marks (team.json); null in a bundle made before it. */
  readonly team: BundleTeam | null;
}

/** A bundle unpacked and checked: its json export waits in a temporary file to be imported. */
export interface OpenedBundle extends ReadBundle {
  readonly projectPath: string;
  readonly projectBytes: number;
  /** Deletes the temporary file. */
  dispose(): void;
}

/** The small entries, in memory. */
interface SmallEntries {
  manifest?: Buffer;
  duplicates?: Buffer;
  team?: Buffer;
}

/**
 * Unpacks the bundle a piece at a time: the json export into `projectPath`, the
 * manifest and duplicates.json into memory. Memory stays flat whatever the
 * size of the export. The limits (BUNDLE_LIMITS) are checked as the bytes come,
 * so a bomb stops within one piece of passing them; the caller removes what
 * was written.
 */
function unpack(path: FsPath, projectPath: string): SmallEntries & { readonly sawProject: boolean } {
  const small: Record<'manifest' | 'duplicates' | 'team', Buffer[]> = { manifest: [], duplicates: [], team: [] };
  const seen = new Set<string>();
  const size = statSync(path).size;
  let unpacked = 0;
  // Bytes of the bundle handed to the unzipper so far.
  let pushed = 0;
  let entries = 0;
  let failure: unknown;
  const out = openSync(projectPath, 'w');
  const input = openSync(path, 'r');
  try {
    const unzip = new Unzip((entry) => {
      entries += 1;
      // Thrown, not kept: the unzipper goes on to the next entry of the piece at once, ever deeper in its own calls.
      if (entries > BUNDLE_LIMITS.entries) throw new UserError(`holds more than ${BUNDLE_LIMITS.entries} files (a bundle holds 3): refused as a zip bomb`);
      const role =
        entry.name === BUNDLE_ENTRIES.project
          ? 'project'
          : entry.name === BUNDLE_ENTRIES.manifest
            ? 'manifest'
            : entry.name === BUNDLE_ENTRIES.duplicates
              ? 'duplicates'
              : entry.name === BUNDLE_ENTRIES.team
                ? 'team'
                : null;
      // Other entries are left packed.
      if (role === null) return;
      if (seen.has(role)) throw new UserError(`${entry.name} appears twice in the bundle`);
      seen.add(role);
      // A size written in the archive is a claim: it refuses early, but the bytes are counted whatever it says.
      const declared = entry.originalSize;
      if (declared !== undefined && unpacked + declared > unpackLimit(size)) throw tooLarge(unpacked + declared, size, size);
      let held = 0;
      entry.ondata = (error, data) => {
        if (failure !== undefined) return;
        if (error) {
          failure = error;
          return;
        }
        unpacked += data.length;
        held += data.length;
        if (unpacked > unpackLimit(pushed)) failure = tooLarge(unpacked, pushed, size);
        else if (declared !== undefined && held > declared) failure = new UserError(`${entry.name} unpacks to more than the ${declared} bytes it declares`);
        else if (role === 'project') writeSync(out, data);
        else if (held > MAX_BUNDLE_PART_BYTES) failure = new UserError(`${entry.name} in the bundle is too large (more than ${MAX_BUNDLE_PART_BYTES / 1024 / 1024} MB)`);
        else small[role].push(Buffer.from(data));
      };
      entry.start();
    });
    unzip.register(UnzipInflate);
    unzip.register(UnzipPassThrough);
    while (pushed < size && failure === undefined) {
      // A fresh buffer each time: Unzip keeps what it has not used yet of a piece, by reference.
      const buffer = Buffer.allocUnsafe(ZIP_CHUNK_BYTES);
      const read = readSync(input, buffer, 0, buffer.length, pushed);
      if (read === 0) break;
      pushed += read;
      unzip.push(buffer.subarray(0, read), pushed >= size);
    }
  } catch (error) {
    failure ??= error;
  } finally {
    closeSync(input);
    closeSync(out);
  }
  if (failure instanceof UserError) throw failure;
  if (failure !== undefined) throw new UserError(`not a readable zip archive (${failure instanceof Error ? failure.message : String(failure)})`);
  if (entries === 0) throw new UserError('not a readable zip archive (no file in it could be found)');
  return {
    ...(seen.has('manifest') ? { manifest: Buffer.concat(small.manifest) } : {}),
    ...(seen.has('duplicates') ? { duplicates: Buffer.concat(small.duplicates) } : {}),
    ...(seen.has('team') ? { team: Buffer.concat(small.team) } : {}),
    sawProject: seen.has('project'),
  };
}

function parseEntry(bytes: Buffer | undefined, name: string): unknown {
  if (!bytes) throw new UserError(`not a Marginalia bundle: ${name} is missing`);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new UserError(`${name} in the bundle is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFraction = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function checkManifest(manifest: unknown): void {
  if (!isObject(manifest) || manifest.format !== BUNDLE_FORMAT) throw new UserError(`not a Marginalia bundle: ${BUNDLE_ENTRIES.manifest} does not name format "${BUNDLE_FORMAT}"`);
  if (typeof manifest.version === 'number' && manifest.version > BUNDLE_VERSION) throw new UserError(`made by a newer Marginalia (bundle version ${manifest.version})`);
  if (manifest.version !== BUNDLE_VERSION) throw new UserError(`unsupported bundle version ${JSON.stringify(manifest.version ?? null)}`);
}

function memberFrom(value: unknown, documents: number, where: string): BundleMember {
  if (!isObject(value)) throw new UserError(`${where}: not a JSON object`);
  const { document, start, end, status, similarity } = value;
  if (!isCount(document) || document >= documents) throw new UserError(`${where}: "document" must be an index into the ${documents} documents`);
  if (!isCount(start) || !isCount(end) || end <= start) throw new UserError(`${where}: "start" and "end" must be whole numbers with start < end`);
  if (!DUPLICATE_STATUSES.includes(status as DuplicateStatus)) throw new UserError(`${where}: bad "status"`);
  if (!isFraction(similarity)) throw new UserError(`${where}: "similarity" must be between 0 and 1`);
  return { document, start, end, status: status as DuplicateStatus, similarity };
}

function clusterFrom(value: unknown, documents: number, index: number): BundleCluster {
  const where = `${BUNDLE_ENTRIES.duplicates}: cluster ${index + 1}`;
  if (!isObject(value)) throw new UserError(`${where}: not a JSON object`);
  const { kind, status, similarity, decided_by: decidedBy, decided_at: decidedAt, members } = value;
  if (!DUPLICATE_KINDS.includes(kind as DuplicateKind)) throw new UserError(`${where}: bad "kind"`);
  if (!DUPLICATE_STATUSES.includes(status as DuplicateStatus)) throw new UserError(`${where}: bad "status"`);
  if (!isFraction(similarity)) throw new UserError(`${where}: "similarity" must be between 0 and 1`);
  if (decidedBy !== null && decidedBy !== undefined && typeof decidedBy !== 'string') throw new UserError(`${where}: "decided_by" must be a string or null`);
  if (decidedAt !== null && decidedAt !== undefined && typeof decidedAt !== 'string') throw new UserError(`${where}: "decided_at" must be a string or null`);
  if (!Array.isArray(members)) throw new UserError(`${where}: "members" must be an array`);
  return {
    kind: kind as DuplicateKind,
    status: status as DuplicateStatus,
    similarity,
    decided_by: decidedBy ?? null,
    decided_at: decidedAt ?? null,
    members: members.map((member: unknown, i) => memberFrom(member, documents, `${where} member ${i + 1}`)),
  };
}

/**
 * The content hash of each document of the unpacked json export, by index (what
 * cluster members name), read element by element; a document that is not an
 * object with a text gets none. Throws when the file is not a Marginalia export.
 */
function documentHashesOf(projectPath: string): string[] {
  const hashes: string[] = [];
  let sawDocuments = false;
  try {
    for (const part of jsonParts(textChunks(projectPath, 0), 'documents')) {
      if (part.kind === 'root' && part.type !== 'object') break;
      if (part.kind === 'array') sawDocuments = part.key === 'documents';
      if (part.kind !== 'element') continue;
      let doc: unknown = part.value;
      if (doc === undefined) {
        try {
          doc = JSON.parse(part.text) as unknown;
        } catch {
          // The import reports the bad document; it has no hash to be found by.
        }
      }
      hashes.push(isObject(doc) && typeof doc.text === 'string' ? contentHash(doc.text) : '');
    }
  } catch (error) {
    throw new UserError(`${BUNDLE_ENTRIES.project} in the bundle is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!sawDocuments) throw new UserError(`${BUNDLE_ENTRIES.project} in the bundle is not a Marginalia export`);
  return hashes;
}

/**
 * Unpacks and checks a bundle before anything of it is written: the manifest,
 * the clusters, and the json export's structure (its documents are checked one by
 * one as they are imported). Throws a UserError saying what is wrong (the caller
 * names the file). The caller disposes of the result once it is imported.
 */
export function openBundle(path: FsPath): OpenedBundle {
  if (!hasZipMagic(path)) throw new UserError('not a zip archive');
  const folder = mkdtempSync(join(tmpdir(), 'marginalia-bundle-'));
  const dispose = (): void => rmSync(folder, { recursive: true, force: true });
  try {
    const projectPath = join(folder, BUNDLE_ENTRIES.project);
    const entries = unpack(path, projectPath);
    checkManifest(parseEntry(entries.manifest, BUNDLE_ENTRIES.manifest));
    if (!entries.sawProject) throw new UserError(`not a Marginalia bundle: ${BUNDLE_ENTRIES.project} is missing`);
    // Members name documents by index; the hash of each text finds the document again in any project.
    const documentHashes = documentHashesOf(projectPath);
    const duplicates = parseEntry(entries.duplicates, BUNDLE_ENTRIES.duplicates);
    if (!isObject(duplicates) || !Array.isArray(duplicates.clusters)) throw new UserError(`${BUNDLE_ENTRIES.duplicates}: needs a "clusters" array`);
    const clusters = duplicates.clusters.map((cluster: unknown, i) => clusterFrom(cluster, documentHashes.length, i));
    const team = entries.team ? teamFrom(parseEntry(entries.team, BUNDLE_ENTRIES.team), documentHashes.length) : null;
    return { projectPath, projectBytes: statSync(projectPath).size, documentHashes, clusters, team, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * Recreates a bundle's duplicate clusters with their decisions, members mapped to
 * this project's documents by content hash. A cluster whose members all belong to
 * one existing cluster is already here and is skipped; members whose document did
 * not come in are left out, and a cluster left with fewer than two is skipped.
 * One transaction. Returns the number of clusters added.
 */
export function restoreBundleClusters(db: Db, bundle: ReadBundle): number {
  const ids = new Map<number, number | undefined>();
  const idOf = (index: number): number | undefined => {
    if (!ids.has(index)) ids.set(index, documentIdByContentHash(db, bundle.documentHashes[index] ?? ''));
    return ids.get(index);
  };
  let added = 0;
  const restore = writeTransaction(db, () => {
    for (const cluster of bundle.clusters) {
      const members = cluster.members.flatMap((member) => {
        const documentId = idOf(member.document);
        return documentId === undefined ? [] : [{ ...member, documentId }];
      });
      if (members.length < 2) continue;
      let shared: number[] | null = null;
      for (const member of members) {
        const holding = clustersWithMember(db, cluster.kind, member.documentId, member.start, member.end);
        shared = shared === null ? holding : shared.filter((id) => holding.includes(id));
        if (shared.length === 0) break;
      }
      if (shared !== null && shared.length > 0) continue;
      const clusterId = createCluster(db, cluster.kind, cluster.similarity);
      for (const member of members) {
        addMember(db, { clusterId, documentId: member.documentId, startCp: member.start, endCp: member.end, similarity: member.similarity });
        setMemberStatus(db, clusterId, member.documentId, member.start, member.end, member.status);
      }
      setClusterDecision(db, clusterId, { status: cluster.status, decidedBy: cluster.decided_by, decidedAt: cluster.decided_at });
      added += 1;
    }
  });
  restore();
  return added;
}
