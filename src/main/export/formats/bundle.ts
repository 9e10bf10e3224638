import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { Zip, ZipDeflate, type ZipInputFile } from 'fflate';
import { SPAN_STATUSES, type DuplicateKind, type DuplicateStatus } from '../../../shared/model.js';
import type { Db } from '../../store/connection.js';
import { listDocuments } from '../../store/documents.js';
import { entitiesForExport } from '../../store/export-links.js';
import { listLabels } from '../../store/labels.js';
import { allClusters, allMembers } from '../../store/duplicates.js';
import { exportProject, type ExportOptions, type ExportReport } from '../export-project.js';
import { bundleTeam } from './bundle-team.js';

/** The `format` a bundle's manifest names, and the manifest version this code writes and reads. */
export const BUNDLE_FORMAT = 'marginalia-bundle';
export const BUNDLE_VERSION = 1;

/** Entry names inside a bundle. */
export const BUNDLE_ENTRIES = { project: 'marginalia.json', duplicates: 'duplicates.json', team: 'team.json', manifest: 'manifest.json' } as const;

/** One member of a cluster in duplicates.json: `document` is the index in marginalia.json's documents. */
export interface BundleMember {
  readonly document: number;
  readonly start: number;
  readonly end: number;
  readonly status: DuplicateStatus;
  readonly similarity: number;
}

/** One cluster in duplicates.json, with its review decision. */
export interface BundleCluster {
  readonly kind: DuplicateKind;
  readonly status: DuplicateStatus;
  readonly similarity: number;
  readonly decided_by: string | null;
  readonly decided_at: string | null;
  readonly members: readonly BundleMember[];
}

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: number;
  readonly created_at: string;
  readonly counts: {
    readonly documents: number;
    readonly spans: number;
    readonly labels: number;
    readonly entities: number;
    readonly duplicate_clusters: number;
  };
}

/** Maps document ids to their index in the json export, which lists every document in id order. */
export function documentIndexes(db: Db): Map<number, number> {
  const indexes = new Map<number, number>();
  let afterId = 0;
  for (;;) {
    const page = listDocuments(db, 1000, afterId);
    if (page.length === 0) break;
    for (const doc of page) indexes.set(doc.id, indexes.size);
    afterId = (page[page.length - 1] as (typeof page)[number]).id;
  }
  return indexes;
}

/** Every duplicate cluster with its members, members named by document index. */
export function bundleClusters(db: Db): BundleCluster[] {
  const indexes = documentIndexes(db);
  const clusters = allClusters(db);
  const members = allMembers(db);
  const byCluster = new Map<number, BundleMember[]>();
  for (const { clusterId, documentId, ...member } of members) {
    const document = indexes.get(documentId);
    if (document === undefined) continue;
    const list = byCluster.get(clusterId) ?? [];
    list.push({ document, ...member });
    byCluster.set(clusterId, list);
  }
  return clusters.map(({ id, ...cluster }) => ({ ...cluster, members: byCluster.get(id) ?? [] }));
}

/**
 * A zip entry compressed by Node's zlib rather than fflate's deflate. zlib is
 * native and compresses on libuv's thread pool, so the export goes on writing
 * JSON while the chunk before is compressed: at 100,000 documents fflate's
 * deflate was 17 of the bundle's 36 s, all on the export's thread. fflate still
 * writes the zip around the entry (sizes and CRC in a data descriptor).
 */
class NativeDeflateEntry {
  readonly file: ZipInputFile;
  readonly #deflate: DeflateRaw = createDeflateRaw({ level: 6 });
  #crc = 0;
  #size = 0;
  #failure: Error | null = null;

  /** `out` is where the zip goes: compressed data waits while it cannot take more. */
  constructor(name: string, zip: Zip, out: Writable) {
    this.file = { filename: name, compression: 8, size: 0, crc: 0, terminate: () => this.#deflate.destroy() };
    zip.add(this.file);
    const send = this.file.ondata as (error: null, data: Uint8Array, final: boolean) => void;
    this.#deflate.on('data', (chunk: Buffer) => {
      send(null, chunk, false);
      if (out.writableNeedDrain) {
        this.#deflate.pause();
        out.once('drain', () => this.#deflate.resume());
      }
    });
    this.#deflate.on('error', (error) => {
      this.#failure = error;
    });
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.#failure) throw this.#failure;
    this.#crc = crc32(chunk, this.#crc);
    this.#size += chunk.length;
    if (!this.#deflate.write(chunk)) await once(this.#deflate, 'drain');
  }

  /** Ends the entry once everything written is compressed and handed to the zip. */
  async end(): Promise<void> {
    this.#deflate.end();
    await finished(this.#deflate);
    if (this.#failure) throw this.#failure;
    this.file.size = this.#size;
    this.file.crc = this.#crc;
    (this.file.ondata as (error: null, data: Uint8Array, final: boolean) => void)(null, new Uint8Array(0), true);
  }
}

/**
 * Writes a project bundle to `out`: one zip holding the json export of everything
 * (all span statuses, all labels), duplicates.json, team.json (annotators,
 * assignments, done marks) and manifest.json. The json
 * part streams from the exporter into the zip entry, so the export is never one
 * string in memory; `out`'s back-pressure is respected.
 */
export async function writeBundle(db: Db, out: Writable, options: ExportOptions): Promise<ExportReport> {
  let zipError: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) zipError = error;
    else out.write(data);
  });
  const drained = async (): Promise<void> => {
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  const project = new NativeDeflateEntry(BUNDLE_ENTRIES.project, zip, out);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      project.write(chunk).then(() => done(), done);
    },
    final(done) {
      project.end().then(() => done(), done);
    },
  });
  try {
    const report = await exportFramedJson(db, sink, options);
    sink.end();
    await finished(sink);
    if (report.cancelled) return report;
    const clusters = bundleClusters(db);
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      created_at: new Date().toISOString(),
      counts: {
        documents: report.documents,
        spans: report.spans,
        labels: listLabels(db).length,
        entities: entitiesForExport(db).length,
        duplicate_clusters: clusters.length,
      },
    };
    addJsonEntry(zip, BUNDLE_ENTRIES.duplicates, { clusters });
    addJsonEntry(zip, BUNDLE_ENTRIES.team, bundleTeam(db, documentIndexes(db)));
    addJsonEntry(zip, BUNDLE_ENTRIES.manifest, manifest);
    zip.end();
    await drained();
    if (zipError) throw zipError;
    return report;
  } finally {
    if (zipError === null) zip.terminate();
  }
}

/** The json export with every span status and label: a bundle is the whole project. */
function exportFramedJson(db: Db, sink: Writable, options: ExportOptions): Promise<ExportReport> {
  const { onProgress, signal, batchDocuments } = options;
  return exportProject(db, sink, {
    format: 'json',
    statuses: SPAN_STATUSES,
    ...(onProgress ? { onProgress } : {}),
    ...(signal ? { signal } : {}),
    ...(batchDocuments ? { batchDocuments } : {}),
  });
}

function addJsonEntry(zip: Zip, name: string, value: unknown): void {
  const entry = new ZipDeflate(name, { level: 6 });
  zip.add(entry);
  entry.push(Buffer.from(`${JSON.stringify(value, null, 1)}\n`, 'utf8'), true);
}
