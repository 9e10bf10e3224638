import { closeSync, openSync, readSync } from 'node:fs';
import { strFromU8, unzipSync, type Unzipped } from 'fflate';
import { DUPLICATE_KINDS, DUPLICATE_STATUSES, type DuplicateKind, type DuplicateStatus } from '../../shared/model.js';
import { UserError } from '../errors.js';
import { BUNDLE_ENTRIES, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleCluster, type BundleMember } from '../export/formats/bundle.js';
import type { Db } from '../store/connection.js';
import { contentHash, documentIdByContentHash } from '../store/documents.js';
import { addMember, clustersWithMember, createCluster, setClusterDecision, setMemberStatus } from '../store/duplicates.js';

/**
 * The largest bundle read: its entries are unpacked into memory, and the json
 * part is parsed whole, as the json reader does. 1 GiB unpacked.
 */
export const MAX_BUNDLE_UNPACKED_BYTES = 1024 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

/** True when `path` names a project bundle: a .marginalia file, or a .zip (checked for the zip magic when read). */
export function isBundlePath(path: string): boolean {
  return /\.(zip|marginalia)$/i.test(path);
}

/** True when the file starts with a zip archive's local header. */
export function hasZipMagic(path: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, head, 0, 4, 0);
    return read === 4 && ZIP_MAGIC.every((byte, i) => head[i] === byte);
  } finally {
    closeSync(fd);
  }
}

/** A bundle's contents, checked: the json export's text, its documents' content hashes, and the clusters. */
export interface ReadBundle {
  readonly projectJson: string;
  readonly documentHashes: readonly string[];
  readonly clusters: readonly BundleCluster[];
}

function unzip(bytes: Uint8Array): Unzipped {
  let unpacked = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > MAX_BUNDLE_UNPACKED_BYTES) throw new UserError(`bundle too large: more than ${MAX_BUNDLE_UNPACKED_BYTES / 1024 / 1024} MB unpacked`);
        return (Object.values(BUNDLE_ENTRIES) as string[]).includes(file.name);
      },
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`not a readable zip archive (${error instanceof Error ? error.message : String(error)})`);
  }
}

function parseEntry(entries: Unzipped, name: string): unknown {
  const bytes = entries[name];
  if (!bytes) throw new UserError(`not a Marginalia bundle: ${name} is missing`);
  try {
    return JSON.parse(strFromU8(bytes)) as unknown;
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
 * Unpacks and checks a bundle completely, before anything is written. Throws a
 * UserError saying what is wrong (the caller names the file).
 */
export function readBundle(bytes: Uint8Array): ReadBundle {
  if (bytes.length < 4 || !ZIP_MAGIC.every((byte, i) => bytes[i] === byte)) throw new UserError('not a zip archive');
  const entries = unzip(bytes);
  if (!entries[BUNDLE_ENTRIES.manifest]) throw new UserError(`not a Marginalia bundle: ${BUNDLE_ENTRIES.manifest} is missing`);
  checkManifest(parseEntry(entries, BUNDLE_ENTRIES.manifest));
  const projectBytes = entries[BUNDLE_ENTRIES.project];
  if (!projectBytes) throw new UserError(`not a Marginalia bundle: ${BUNDLE_ENTRIES.project} is missing`);
  const projectJson = strFromU8(projectBytes);
  let project: unknown;
  try {
    project = JSON.parse(projectJson) as unknown;
  } catch (error) {
    throw new UserError(`${BUNDLE_ENTRIES.project} in the bundle is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(project) || !Array.isArray(project.documents)) throw new UserError(`${BUNDLE_ENTRIES.project} in the bundle is not a Marginalia export`);
  // Members name documents by index; the hash of each text finds the document again in any project.
  const documentHashes = project.documents.map((doc: unknown) => (isObject(doc) && typeof doc.text === 'string' ? contentHash(doc.text) : ''));
  const duplicates = parseEntry(entries, BUNDLE_ENTRIES.duplicates);
  if (!isObject(duplicates) || !Array.isArray(duplicates.clusters)) throw new UserError(`${BUNDLE_ENTRIES.duplicates}: needs a "clusters" array`);
  const clusters = duplicates.clusters.map((cluster: unknown, i) => clusterFrom(cluster, documentHashes.length, i));
  return { projectJson, documentHashes, clusters };
}

/**
 * Recreates a bundle's duplicate clusters with their decisions, members mapped to
 * this project's documents by content hash. A cluster whose members all belong to
 * one existing cluster is already here and is skipped; members whose document did
 * not come in are left out, and a cluster left with fewer than two is skipped.
 * One transaction. Returns the number of clusters added.
 */
export function restoreBundleClusters(db: Db, bundle: Pick<ReadBundle, 'documentHashes' | 'clusters'>): number {
  const ids = new Map<number, number | undefined>();
  const idOf = (index: number): number | undefined => {
    if (!ids.has(index)) ids.set(index, documentIdByContentHash(db, bundle.documentHashes[index] ?? ''));
    return ids.get(index);
  };
  let added = 0;
  const restore = db.transaction(() => {
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
  restore.immediate();
  return added;
}
