import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportToFile } from '../../src/main/export/export-file.js';
import { bundleClusters } from '../../src/main/export/formats/bundle.js';
import { openBundle } from '../../src/main/import/bundle.js';
import { importPaths } from '../../src/main/import/pipeline.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { addMember, createCluster, decideCluster } from '../../src/main/store/duplicates.js';
import { ensureEntity } from '../../src/main/store/entities.js';
import { ensureLabel, listLabels } from '../../src/main/store/labels.js';
import { createSpan } from '../../src/main/store/spans.js';
import { SPAN_STATUSES } from '../../src/shared/model.js';
import { assignDocuments, setDocumentDone } from '../../src/main/annotate/progress-edits.js';
import { addAnnotator } from '../../src/main/store/annotators.js';
import { createTestProject, tempDir } from '../helpers/project.js';

const TEXTS = [
  'Ward round at Harbour Clinic: the notes repeat below.\nShared paragraph about discharge planning and follow up.',
  'Second letter from Lakeside Hospital.\nShared paragraph about discharge planning and follow up.',
  'A third note with no duplicates at all, mentioning Harbour Clinic again.',
];

/** A small project with every kind of thing a bundle carries. */
function seed(db: Db): void {
  ensureLabel(db, 'HOSPITAL');
  const ids = TEXTS.map((text, i) => insertDocument(db, { title: `note ${i + 1}`, source: `note-${i + 1}.txt`, text, meta: { ward: i } }).id);
  const [first, second, third] = ids as [number, number, number];
  const entity = ensureEntity(db, 'HOSPITAL', { name: 'Harbour Clinic', aliases: ['the Harbour'] });
  createSpan(db, { documentId: first, startCp: 14, endCp: 28, label: 'HOSPITAL', annotator: 'lan', entityId: entity, note: 'checked' });
  createSpan(db, { documentId: second, startCp: 17, endCp: 35, label: 'HOSPITAL', annotator: 'mei', status: 'suggested', value: { beds: 12 } });
  createSpan(db, { documentId: third, startCp: 51, endCp: 65, label: 'HOSPITAL', annotator: 'lan', status: 'rejected' });
  // A label no span uses yet and an entity no span names: a hand-over keeps them too.
  ensureLabel(db, 'WARD');
  ensureEntity(db, 'PERSON', { name: 'Dr Mai Lan', aliases: ['Dr Lan'] });
  const passage = createCluster(db, 'passage', 0.9);
  addMember(db, { clusterId: passage, documentId: first, startCp: 54, endCp: 111, similarity: 1 });
  addMember(db, { clusterId: passage, documentId: second, startCp: 38, endCp: 95, similarity: 0.9 });
  decideCluster(db, passage, 'confirmed', 'lan');
  const loose = createCluster(db, 'document', 0.82);
  addMember(db, { clusterId: loose, documentId: first, startCp: 0, endCp: 111, similarity: 0.82 });
  addMember(db, { clusterId: loose, documentId: third, startCp: 0, endCp: 72, similarity: 0.82 });
}

async function jsonExport(db: Db, dir: string, name: string): Promise<unknown> {
  const path = join(dir, name);
  await exportToFile(db, path, { format: 'json', statuses: SPAN_STATUSES });
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** Every cluster with its decision, members by document index: comparable across projects. */
const clustersOf = (db: Db) => bundleClusters(db);

describe('project bundle', () => {
  it('writes marginalia.json, duplicates.json, team.json and manifest.json', async () => {
    const { db, dir } = createTestProject();
    seed(db);
    const path = join(dir, 'project.zip');
    const report = await exportToFile(db, path, { format: 'bundle' });
    expect(report.documents).toBe(3);
    expect(report.spans).toBe(3);
    const entries = unzipSync(readFileSync(path));
    expect(Object.keys(entries).sort()).toEqual(['duplicates.json', 'manifest.json', 'marginalia.json', 'team.json']);
    const manifest = JSON.parse(Buffer.from(entries['manifest.json'] as Uint8Array).toString('utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ format: 'marginalia-bundle', version: 1, counts: { documents: 3, spans: 3, labels: listLabels(db).length, entities: 2, duplicate_clusters: 2 } });
    const project = JSON.parse(Buffer.from(entries['marginalia.json'] as Uint8Array).toString('utf8')) as unknown;
    expect(project).toEqual(await jsonExport(db, dir, 'all.json'));
    const duplicates = JSON.parse(Buffer.from(entries['duplicates.json'] as Uint8Array).toString('utf8')) as { clusters: unknown[] };
    expect(duplicates.clusters[0]).toMatchObject({
      kind: 'passage',
      status: 'confirmed',
      decided_by: 'lan',
      members: [
        { document: 0, start: 54, end: 111, status: 'confirmed', similarity: 1 },
        { document: 1, start: 38, end: 95, status: 'confirmed', similarity: 0.9 },
      ],
    });
  });

  it('round-trips into a fresh project and adds nothing when imported again', async () => {
    const source = createTestProject();
    seed(source.db);
    const bundle = join(source.dir, 'hand-over.marginalia');
    await exportToFile(source.db, bundle, { format: 'bundle' });

    const fresh = createTestProject();
    const report = await importPaths(fresh.db, [bundle]);
    expect(report.rejected).toEqual([]);
    expect(report.documentsImported).toBe(3);
    expect(report.spansAdded).toBe(3);
    expect(report.duplicateClustersAdded).toBe(2);
    expect(await jsonExport(fresh.db, fresh.dir, 'fresh.json')).toEqual(await jsonExport(source.db, source.dir, 'source.json'));
    expect(clustersOf(fresh.db)).toEqual(clustersOf(source.db));
    const entities = fresh.db.prepare('SELECT label, name, aliases FROM entities ORDER BY id').all();
    expect(entities).toEqual([
      { label: 'HOSPITAL', name: 'Harbour Clinic', aliases: JSON.stringify(['the Harbour']) },
      { label: 'PERSON', name: 'Dr Mai Lan', aliases: JSON.stringify(['Dr Lan']) },
    ]);
    expect(listLabels(fresh.db).map((label) => label.name)).toEqual(listLabels(source.db).map((label) => label.name));

    const again = await importPaths(source.db, [bundle]);
    expect(again.documentsImported).toBe(0);
    expect(again.spansAdded).toBe(0);
    expect(again.duplicateClustersAdded).toBe(0);
    expect(clustersOf(source.db)).toHaveLength(2);
    const second = await importPaths(fresh.db, [bundle]);
    expect(second.duplicateClustersAdded).toBe(0);
  });

  it('names the file when the zip is corrupt or has no manifest', async () => {
    const dir = tempDir();
    const corrupt = join(dir, 'broken.zip');
    writeFileSync(corrupt, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)]));
    const bare = join(dir, 'bare.zip');
    writeFileSync(bare, zipSync({ 'marginalia.json': strToU8('{"format":"marginalia","version":1,"documents":[]}') }));
    const notZip = join(dir, 'plain.marginalia');
    writeFileSync(notZip, 'just words');
    const { db } = createTestProject();
    const report = await importPaths(db, [corrupt, bare, notZip]);
    expect(report.rejected).toEqual([
      { path: corrupt, reason: expect.stringMatching(/^not a readable zip archive/) as unknown },
      { path: bare, reason: 'not a Marginalia bundle: manifest.json is missing' },
      { path: notZip, reason: 'not a zip archive' },
    ]);
  });

  it('unpacks the json export to a temporary file, a piece at a time, and removes it afterwards', async () => {
    const { db, dir } = createTestProject();
    seed(db);
    const path = join(dir, 'project.marginalia');
    await exportToFile(db, path, { format: 'bundle' });
    const opened = openBundle(path);
    expect(readFileSync(opened.projectPath, 'utf8')).toBe(Buffer.from(unzipSync(readFileSync(path))['marginalia.json'] as Uint8Array).toString('utf8'));
    expect(opened.documentHashes).toHaveLength(3);
    expect(opened.clusters).toHaveLength(2);
    opened.dispose();
    expect(existsSync(opened.projectPath)).toBe(false);
  });

  it('reads a bundle of many pieces (several MB packed) whole and unchanged', async () => {
    const { db, dir } = createTestProject();
    // Letters drawn at random barely compress, so the zip is read in several pieces.
    const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz 🙈\r\n'];
    let seed = 7;
    const letter = (): string => {
      // xorshift32
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      seed >>>= 0;
      return ALPHABET[seed % ALPHABET.length] ?? 'a';
    };
    const texts = Array.from({ length: 40 }, (_, n) => `Document ${n}: ${Array.from({ length: 80_000 }, letter).join('')}`);
    for (const [n, text] of texts.entries()) insertDocument(db, { title: `random ${n}`, source: `random-${n}.txt`, text, meta: {} });
    const path = await bundleOf(db, dir);
    expect(readFileSync(path).length).toBeGreaterThan(2 * 1024 * 1024);
    const fresh = createTestProject();
    const report = await importPaths(fresh.db, [path]);
    expect(report.rejected).toEqual([]);
    const stored = fresh.db.prepare('SELECT text FROM documents ORDER BY id').all() as { text: string }[];
    expect(stored.map((row) => row.text)).toEqual(texts);
  });

  it('reads entries stored without compression, and refuses an export without documents', async () => {
    const { db, dir } = createTestProject();
    seed(db);
    const packed = unzipSync(readFileSync(await bundleOf(db, dir)));
    const stored = join(dir, 'stored.zip');
    writeFileSync(stored, zipSync(packed, { level: 0 }));
    const fresh = createTestProject();
    const report = await importPaths(fresh.db, [stored]);
    expect(report).toMatchObject({ documentsImported: 3, spansAdded: 3, duplicateClustersAdded: 2, rejected: [] });

    const noDocuments = join(dir, 'no-documents.zip');
    writeFileSync(noDocuments, zipSync({ ...packed, 'marginalia.json': strToU8('{"format":"marginalia","version":1,"docs":[]}') }));
    const refused = await importPaths(fresh.db, [noDocuments]);
    expect(refused.rejected).toEqual([{ path: noDocuments, reason: 'marginalia.json in the bundle is not a Marginalia export' }]);
  });
});

async function bundleOf(db: Db, dir: string): Promise<string> {
  const path = join(dir, 'project.zip');
  await exportToFile(db, path, { format: 'bundle' });
  return path;
}

describe('project bundle team', () => {
  it('carries the annotators, their assignments and done marks, and a bundle without them still imports', async () => {
    const source = createTestProject();
    seed(source.db);
    addAnnotator(source.db, { name: 'mei', color: '#336699' });
    assignDocuments(source.db, { annotators: ['lan', 'mei'], share: 'split', overlap: 0.5, seed: 3 });
    setDocumentDone(source.db, 2, 'mei', true);
    const bundle = join(source.dir, 'team.marginalia');
    await exportToFile(source.db, bundle, { format: 'bundle' });
    const team = (db: Db) => ({
      annotators: db.prepare('SELECT name, color FROM annotators ORDER BY position').all(),
      assignments: db.prepare('SELECT d.content_hash, a.annotator FROM assignments a JOIN documents d ON d.id = a.document_id ORDER BY 1, 2').all(),
      done: db.prepare('SELECT d.content_hash, p.annotator FROM document_progress p JOIN documents d ON d.id = p.document_id ORDER BY 1, 2').all(),
    });

    const fresh = createTestProject();
    expect((await importPaths(fresh.db, [bundle])).rejected).toEqual([]);
    expect(team(fresh.db)).toEqual(team(source.db));
    expect(team(fresh.db).annotators).toEqual([
      { name: 'mei', color: '#336699' },
      { name: 'lan', color: null },
    ]);
    expect(team(fresh.db).assignments).toHaveLength(5);
    expect(team(fresh.db).done).toHaveLength(1);

    // A bundle made before team.json: the rest comes in, nobody is assigned anything.
    const entries = unzipSync(readFileSync(bundle));
    delete entries['team.json'];
    const older = join(source.dir, 'older.marginalia');
    writeFileSync(older, zipSync(entries));
    const other = createTestProject();
    expect((await importPaths(other.db, [older])).documentsImported).toBe(3);
    expect(team(other.db).assignments).toEqual([]);
  });
});
