import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportProject, type ExportOptions } from '../../src/main/export/export-project.js';
import { clusterOfSpan } from '../../src/main/export/exported-document.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import type { DuplicateLink } from '../../src/main/store/export-links.js';
import { insertSpan } from '../../src/main/store/spans.js';
import { createTestProject } from '../helpers/project.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/schema/marginalia-export.schema.json'), 'utf8')) as object;

async function exportToString(db: Db, options: ExportOptions): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportProject(db, out, options);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** Code points of `needle` in `text`. */
function cpRange(text: string, needle: string): { startCp: number; endCp: number } {
  const startU16 = text.indexOf(needle);
  const startCp = [...text.slice(0, startU16)].length;
  return { startCp, endCp: startCp + [...needle].length };
}

const PARAGRAPH = 'The provincial clinic reported 42 new cases of measles on Monday, most of them in children under five.';

/**
 * Two documents that share a paragraph (a confirmed passage cluster), one of them
 * twice over (a rejected cluster), and a span linked to an entity.
 */
function projectWithLinks() {
  const { db } = createTestProject();
  const first = `Weekly bulletin 🙂\n${PARAGRAPH}\nOther news follows.`;
  const second = `Regional digest\n${PARAGRAPH}\nA closing line.`;
  const a = insertDocument(db, { title: 'A', source: 'a', text: first, meta: {} });
  const b = insertDocument(db, { title: 'B', source: 'b', text: second, meta: {} });
  if (!a.inserted || !b.inserted) throw new Error('documents not inserted');
  const stamp = '2026-01-01T00:00:00.000Z';
  const cluster = (kind: string, status: string) =>
    (db.prepare(
      "INSERT INTO duplicate_clusters (kind, status, similarity, decided_by, created_at, updated_at) VALUES (?, ?, 1, 'lan', ?, ?) RETURNING id",
    ).get(kind, status, stamp, stamp) as { id: number }).id;
  const member = (clusterId: number, documentId: number, range: { startCp: number; endCp: number }, status: string) =>
    db
      .prepare('INSERT INTO duplicate_members (cluster_id, document_id, start_cp, end_cp, similarity, status, added_at) VALUES (?, ?, ?, ?, 1, ?, ?)')
      .run(clusterId, documentId, range.startCp, range.endCp, status, stamp);
  const confirmed = cluster('passage', 'confirmed');
  member(confirmed, a.id, cpRange(first, PARAGRAPH), 'confirmed');
  member(confirmed, b.id, cpRange(second, PARAGRAPH), 'confirmed');
  const rejected = cluster('document', 'rejected');
  member(rejected, a.id, { startCp: 0, endCp: [...first].length }, 'suggested');
  member(rejected, b.id, { startCp: 0, endCp: [...second].length }, 'suggested');
  const entity = (db.prepare("INSERT INTO entities (name, label, aliases) VALUES ('Provincial Clinic', 'HOSPITAL', '[\"the clinic\"]') RETURNING id").get() as {
    id: number;
  }).id;
  insertSpan(db, { documentId: a.id, ...cpRange(first, 'provincial clinic'), label: 'HOSPITAL', entityId: entity });
  insertSpan(db, { documentId: a.id, ...cpRange(first, 'Weekly'), label: 'DATE' });
  insertSpan(db, { documentId: b.id, ...cpRange(second, '42'), label: 'FIGURE' });
  return { db, a: a.id, b: b.id, first, second, confirmed, rejected, entity };
}

describe('exports carry duplicate clusters and entities', () => {
  it('jsonl: duplicates per document, duplicate_cluster and entity_name per span, valid against the schema', async () => {
    const { db, a, first, confirmed, rejected, entity } = projectWithLinks();
    const docs = (await exportToString(db, { format: 'jsonl' }))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown> & { spans: Record<string, unknown>[] });
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(schema, 'export');
    const validDocument = ajv.getSchema('export#/$defs/document')!;
    for (const doc of docs) expect(validDocument(doc), JSON.stringify(validDocument.errors)).toBe(true);

    const docA = docs.find((doc) => doc.id === a)!;
    const paragraph = cpRange(first, PARAGRAPH);
    expect(docA.duplicates).toEqual([
      { cluster: rejected, kind: 'document', start: 0, end: [...first].length, status: 'rejected' },
      { cluster: confirmed, kind: 'passage', start: paragraph.startCp, end: paragraph.endCp, status: 'confirmed' },
    ]);
    const byText = Object.fromEntries(docA.spans.map((span) => [span.text, span]));
    // Inside the shared paragraph: counted under its cluster. Outside it, only the rejected document cluster: none.
    expect(byText['provincial clinic']).toMatchObject({ duplicate_cluster: confirmed, entity, entity_name: 'Provincial Clinic' });
    expect(byText.Weekly).toMatchObject({ duplicate_cluster: null, entity: null, entity_name: null });
    // The offsets count the emoji before the paragraph as one character.
    expect([...first].slice(paragraph.startCp, paragraph.endCp).join('')).toBe(PARAGRAPH);
  });

  it('json: a top-level entities list (filtered by --labels) and the same documents', async () => {
    const { db, entity } = projectWithLinks();
    const whole = JSON.parse(await exportToString(db, { format: 'json' })) as { entities: unknown[]; documents: unknown[] };
    expect(whole.entities).toEqual([{ id: entity, name: 'Provincial Clinic', label: 'HOSPITAL', aliases: ['the clinic'] }]);
    expect(whole.documents).toHaveLength(2);
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validate(schema, whole), JSON.stringify(ajv.errors)).toBe(true);
    const datesOnly = JSON.parse(await exportToString(db, { format: 'json', labels: ['DATE'] })) as { entities: unknown[] };
    expect(datesOnly.entities).toEqual([]);
  });

  it('csv: entity_name and duplicate_cluster columns', async () => {
    const { db, confirmed } = projectWithLinks();
    const rows = parse(await exportToString(db, { format: 'csv' }), { columns: true }) as Record<string, string>[];
    const byText = Object.fromEntries(rows.map((row) => [row.text, row]));
    expect(byText['provincial clinic']).toMatchObject({ entity_name: 'Provincial Clinic', duplicate_cluster: String(confirmed) });
    expect(byText['42']).toMatchObject({ entity_name: '', duplicate_cluster: String(confirmed) });
    expect(byText.Weekly).toMatchObject({ duplicate_cluster: '' });
  });
});

describe('clusterOfSpan', () => {
  const link = (cluster: number, kind: DuplicateLink['kind'], startCp: number, endCp: number, status: DuplicateLink['status'] = 'suggested') => ({
    cluster,
    kind,
    startCp,
    endCp,
    status,
  });

  it('prefers the passage holding the span whole over the whole document, then the lowest id', () => {
    const links = [link(1, 'document', 0, 100), link(7, 'passage', 10, 50), link(5, 'passage', 10, 60)];
    expect(clusterOfSpan(links, 20, 30)).toBe(5);
    expect(clusterOfSpan(links, 55, 58)).toBe(5);
    expect(clusterOfSpan(links, 45, 70)).toBe(1);
  });

  it('ignores rejected links and links that only overlap the span', () => {
    expect(clusterOfSpan([link(3, 'passage', 10, 50, 'rejected')], 20, 30)).toBeNull();
    expect(clusterOfSpan([link(3, 'passage', 10, 50)], 40, 60)).toBeNull();
    expect(clusterOfSpan([link(3, 'passage', 10, 50)], 10, 50)).toBe(3);
  });
});
