import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openProject } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { addMember, createCluster, decideCluster } from '../../src/main/store/duplicates.js';
import { ensureEntity } from '../../src/main/store/entities.js';
import { ensureLabel } from '../../src/main/store/labels.js';
import { createSpan } from '../../src/main/store/spans.js';
import { runCli } from '../helpers/cli.js';
import { createTestProject, tempDir } from '../helpers/project.js';

const SHARED = 'The same paragraph about night staffing appears in both letters.';

/** A project file with spans of every status, an entity with an alias, and a decided and an open cluster. */
function seededProject(): string {
  const { db, dbPath } = createTestProject();
  ensureLabel(db, 'HOSPITAL');
  const first = insertDocument(db, { title: 'a', source: 'a.txt', text: `Letter from Riverside Infirmary.\n${SHARED}`, meta: {} }).id;
  const second = insertDocument(db, { title: 'b', source: 'b.txt', text: `Reply to Riverside Infirmary.\n${SHARED}`, meta: { year: 2020 } }).id;
  const entity = ensureEntity(db, 'HOSPITAL', { name: 'Riverside Infirmary', aliases: ['Riverside'] });
  createSpan(db, { documentId: first, startCp: 12, endCp: 31, label: 'HOSPITAL', annotator: 'ana', entityId: entity, note: 'sure' });
  createSpan(db, { documentId: second, startCp: 9, endCp: 28, label: 'HOSPITAL', annotator: 'bo', status: 'suggested', value: 'ward 3' });
  createSpan(db, { documentId: second, startCp: 0, endCp: 5, label: 'HOSPITAL', annotator: 'bo', status: 'rejected' });
  const decided = createCluster(db, 'passage', 1);
  addMember(db, { clusterId: decided, documentId: first, startCp: 33, endCp: 33 + SHARED.length, similarity: 1 });
  addMember(db, { clusterId: decided, documentId: second, startCp: 30, endCp: 30 + SHARED.length, similarity: 1 });
  decideCluster(db, decided, 'rejected', 'ana');
  const open = createCluster(db, 'document', 0.85);
  addMember(db, { clusterId: open, documentId: first, startCp: 0, endCp: 33 + SHARED.length, similarity: 0.85 });
  addMember(db, { clusterId: open, documentId: second, startCp: 0, endCp: 30 + SHARED.length, similarity: 0.85 });
  db.close();
  return dbPath;
}

function entry(zipPath: string, name: string): unknown {
  const bytes = unzipSync(readFileSync(zipPath))[name];
  if (!bytes) throw new Error(`${name} missing from ${zipPath}`);
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
}

function clusterCount(dbPath: string): number {
  const db = openProject(dbPath, { mustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM duplicate_clusters').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('marginalia export --format bundle / import FILE.zip', () => {
  it('hands a whole project over and back without change, and adds nothing twice', () => {
    const source = seededProject();
    const dir = tempDir();
    const first = join(dir, 'first.zip');
    const exported = runCli(['export', '--db', source, '--format', 'bundle', '--out', first]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('exported 2 documents and 3 spans');

    const fresh = join(dir, 'fresh.sqlite');
    const imported = runCli(['import', '--db', fresh, first]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('imported 2 documents');
    expect(imported.stdout).toContain('restored 2 duplicate clusters');

    const second = join(dir, 'second.zip');
    expect(runCli(['export', '--db', fresh, '--format', 'bundle', '--out', second]).status).toBe(0);
    expect(entry(second, 'marginalia.json')).toEqual(entry(first, 'marginalia.json'));
    expect(entry(second, 'duplicates.json')).toEqual(entry(first, 'duplicates.json'));
    expect(entry(second, 'manifest.json')).toMatchObject({ format: 'marginalia-bundle', version: 1, counts: { documents: 2, spans: 3, duplicate_clusters: 2 } });

    const again = runCli(['import', '--db', source, first]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('imported 0 documents');
    expect(again.stdout).not.toContain('added');
    expect(again.stdout).not.toContain('restored');
    expect(clusterCount(source)).toBe(2);
  });

  it('refuses a corrupt zip and a zip without a manifest, naming the file', () => {
    const dir = tempDir();
    const corrupt = join(dir, 'corrupt.zip');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]));
    const db = join(dir, 'project.sqlite');
    const result = runCli(['import', '--db', db, corrupt]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${corrupt}: not a readable zip archive`);

    const source = seededProject();
    const bundle = join(dir, 'ok.zip');
    expect(runCli(['export', '--db', source, '--format', 'bundle', '--out', bundle]).status).toBe(0);
    const entries = unzipSync(readFileSync(bundle));
    delete entries['manifest.json'];
    const bare = join(dir, 'bare.marginalia');
    writeFileSync(bare, zipSync(entries));
    const missing = runCli(['import', '--db', db, bare]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${bare}: not a Marginalia bundle: manifest.json is missing`);
  });
});
