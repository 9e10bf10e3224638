import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/main/import/pipeline.js';
import { streamingItems } from '../../src/main/import/readers/streaming.js';
import type { ReaderItem } from '../../src/main/import/record.js';
import { StreamAhead, type ItemBatch, type StreamOpening } from '../../src/main/import/stream-ahead.js';
import { createTestProject, tempDir } from '../helpers/project.js';
import { reportedByImport, storedByImport } from '../helpers/stored.js';

const LABELS = ['HOSPITAL', 'DATE', 'PERSON', 'FIGURE'];

/** Document n of the test files: astral characters and CRLF before its spans, so offsets are tested too. */
function documentText(n: number): string {
  const lineBreak = n % 2 === 0 ? '\r\n' : '\n';
  return [`Bulletin ${n} 🙈 from Hue`, `Dr. Le ${n} 𝄞 visited Hue Central Hospital on ${(n % 28) + 1} May.`, `It treated ${n * 3} patients.`].join(
    lineBreak,
  );
}

/** Our own jsonl line for document n, with spans by two annotators and one entity. */
function jsonlLine(n: number): string {
  const text = documentText(n);
  const chars = [...text];
  const find = (part: string): number => [...text.slice(0, text.indexOf(part))].length;
  const span = (part: string, label: string, annotator: string, status = 'accepted') => {
    const start = find(part);
    const end = start + [...part].length;
    const entity = label === 'HOSPITAL' ? { entity: 7, entity_name: 'Hue Central Hospital' } : { entity: null };
    return { start, end, label, text: chars.slice(start, end).join(''), status, annotator, ...entity, value: null };
  };
  return JSON.stringify({
    id: n,
    title: `Bulletin ${n}`,
    text,
    meta: { n },
    spans: [
      span('Hue Central Hospital', 'HOSPITAL', 'lan'),
      span(`Dr. Le ${n}`, 'PERSON', 'minh', n % 3 === 0 ? 'suggested' : 'accepted'),
      span(`${n * 3} patients`, LABELS[3] as string, 'lan'),
    ],
    noise: [],
  });
}

/** A folder of streamed files of every kind, good and bad, each large enough to go to the worker. */
function streamedFolder(): string {
  const dir = tempDir();
  const lines = Array.from({ length: 300 }, (_, n) => jsonlLine(n));
  lines.splice(120, 0, '{"text": "cut short', '{"text": "span past the end", "spans": [{"start": 0, "end": 999, "label": "DATE"}]}');
  writeFileSync(join(dir, 'export.jsonl'), `${lines.join('\n')}\n`);
  const tasks = Array.from({ length: 80 }, (_, n) => {
    const text = documentText(1000 + n);
    const start = [...text.slice(0, text.indexOf('Hue Central'))].length;
    return {
      data: { text },
      annotations: [{ completed_by: 'hoa', result: [{ type: 'labels', from_name: 'label', to_name: 'text', value: { start, end: start + 20, labels: ['HOSPITAL'] } }] }],
    };
  });
  writeFileSync(join(dir, 'tasks.json'), `[\n${tasks.map((task) => JSON.stringify(task)).join(',\n')}\n]\n`);
  // A json array cut off part-way is refused; it is larger than a transaction of 50 documents, so the 50 committed before the cut stay.
  const documents = Array.from({ length: 60 }, (_, n) => jsonlLine(2000 + n));
  writeFileSync(join(dir, 'truncated.json'), `[\n${documents.join(',\n')},\n{"text": "never closed"`);
  const conll = Array.from({ length: 50 }, (_, n) => `-DOCSTART- -X- O O\n\nDoctor\tO\nNguyen\tB-PERSON\n${n}\tI-PERSON\nvisited\tO\nHue\tB-HOSPITAL\n.\tO\n`);
  writeFileSync(join(dir, 'tokens.conll'), conll.join('\n'));
  writeFileSync(join(dir, 'bad-utf8.jsonl'), Buffer.concat([Buffer.from(`${jsonlLine(5000)}\n{"text": "ab`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]));
  writeFileSync(join(dir, 'blank.jsonl'), ' \n\n \n');
  return dir;
}

async function withStreamAhead(use: (streamAhead: StreamAhead) => Promise<void>): Promise<void> {
  const streamAhead = new StreamAhead(true);
  try {
    await use(streamAhead);
  } finally {
    streamAhead.close();
  }
}

/** The batches of an opening that must be a stream. */
function streamOf(opening: StreamOpening): AsyncIterable<ItemBatch> {
  if (opening.kind !== 'stream') throw new Error(`expected the worker to stream the file, got ${JSON.stringify(opening)}`);
  return opening.batches;
}

async function collect(batches: AsyncIterable<{ readonly items: Iterable<ReaderItem> }>): Promise<ReaderItem[]> {
  const items: ReaderItem[] = [];
  for await (const batch of batches) items.push(...batch.items);
  return items;
}

describe('parsing streamed files in a worker thread', () => {
  it('stores exactly what parsing on the import thread stores, and reports the same problems', async () => {
    const folder = streamedFolder();
    const common = { chunkBytes: 1000, streamJsonAbove: 1, batchDocuments: 50 };
    const onThread = createTestProject();
    const inWorker = createTestProject();
    const alone = await importPaths(onThread.db, [folder], { ...common, readAheadWorkers: 0 });
    const ahead = await importPaths(inWorker.db, [folder], { ...common, streamAheadFrom: 1 });

    expect(reportedByImport(ahead)).toEqual(reportedByImport(alone));
    expect(storedByImport(inWorker.db)).toEqual(storedByImport(onThread.db));
    // The files did go in, with their problems reported where they are; the truncated file stores nothing, also what it committed.
    expect(ahead.documentsImported).toBe(300 + 80 + 50);
    expect(ahead.spansAdded).toBe(300 * 3 + 80 + 50 * 2);
    const reasons = ahead.rejected.map((problem) => `${problem.path.split('/').pop()}:${problem.line ?? ''}: ${problem.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^export\.jsonl:121: invalid JSON/),
        expect.stringMatching(/^export\.jsonl:122: span 1: /),
        expect.stringMatching(/^truncated\.json:: invalid JSON[^;]*$/),
        expect.stringMatching(/^bad-utf8\.jsonl:: .*byte/),
        expect.stringMatching(/^blank\.jsonl:: file holds only white space/),
      ]),
    );
    // A file refused for its bytes, or part-way after committing, leaves nothing behind.
    expect(inWorker.db.prepare("SELECT count(*) AS n FROM documents WHERE source LIKE '%bad-utf8.jsonl%'").get()).toEqual({ n: 0 });
    expect(inWorker.db.prepare("SELECT count(*) AS n FROM documents WHERE source LIKE '%truncated.json%'").get()).toEqual({ n: 0 });
    const hashes = inWorker.db.prepare('SELECT content_hash FROM documents').all() as { content_hash: string }[];
    expect(new Set(hashes.map((row) => row.content_hash)).size).toBe(hashes.length);
  });

  it('hands over the items the file holds, says which files it does not take, and refuses bad bytes', async () => {
    const folder = streamedFolder();
    await withStreamAhead(async (streamAhead) => {
      const path = join(folder, 'export.jsonl');
      const batches = streamOf(await streamAhead.open(path, 1, 'jsonl', 'export.jsonl', { chunkBytes: 4096 }));
      const inline = [...(streamingItems(path, 1, 'jsonl', 'export.jsonl', { chunkBytes: 4096 }) ?? [])];
      expect(await collect(batches)).toEqual(inline);

      // A small JSON document is read whole, by the import itself.
      expect(await streamAhead.open(join(folder, 'tasks.json'), 1, 'labelstudio', 'tasks.json', {})).toEqual({ kind: 'inline' });
      const refused = await streamAhead.open(join(folder, 'bad-utf8.jsonl'), 1, 'jsonl', 'bad-utf8.jsonl', {});
      expect(refused.kind).toBe('refused');
      expect(refused.kind === 'refused' && refused.reason).toMatch(/not valid UTF-8.*byte \d+/);
    });
  });

  it('stops reading a file the import leaves part-way, and reads the next one in full', async () => {
    const folder = streamedFolder();
    await withStreamAhead(async (streamAhead) => {
      const path = join(folder, 'export.jsonl');
      const first = streamOf(await streamAhead.open(path, 1, 'jsonl', 'export.jsonl', { chunkBytes: 1000 }));
      for await (const batch of first) {
        expect([...batch.items].length).toBeGreaterThan(0);
        break;
      }
      const again = streamOf(await streamAhead.open(path, 1, 'jsonl', 'export.jsonl', { chunkBytes: 1000 }));
      const records = (await collect(again)).filter((item) => item.kind === 'record');
      expect(records).toHaveLength(300);
    });
  });

  it('lets the import read the file itself when no worker is wanted', async () => {
    const folder = streamedFolder();
    const streamAhead = new StreamAhead(false);
    expect(await streamAhead.open(join(folder, 'export.jsonl'), 1, 'jsonl', 'export.jsonl', {})).toEqual({ kind: 'inline' });
    streamAhead.close();
  });
});
