/**
 * Files read in chunks must give exactly what the same file read whole gives,
 * wherever the chunk edges fall: tiny chunk sizes put them inside records,
 * inside multi-byte characters and between the \r and \n of a line end.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesOfChunks } from '../../src/main/import/file-text.js';
import { JsonElementSplitter, type JsonPart } from '../../src/main/import/json-elements.js';
import { importPaths } from '../../src/main/import/pipeline.js';
import { readConll } from '../../src/main/import/readers/conll.js';
import type { ImportFormat } from '../../src/main/import/readers/index.js';
import { readJson, readLabelStudio, readWebAnnotation } from '../../src/main/import/readers/json.js';
import { readDoccano, readJsonLines, readSpacy } from '../../src/main/import/readers/jsonl.js';
import { streamingItems } from '../../src/main/import/readers/streaming.js';
import { linesOf } from '../../src/main/import/readers/title.js';
import type { Reader, ReaderItem } from '../../src/main/import/record.js';
import { spansInDocument } from '../../src/main/store/spans.js';
import { createTestProject, tempDir } from '../helpers/project.js';

function fileWith(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** Everything a streamed read yields (or the error it ends with). */
function streamed(path: string, format: ImportFormat, chunkBytes: number): ReaderItem[] | string {
  try {
    const items = streamingItems(path, statSync(path).size, format, 'file', { chunkBytes, streamJsonAbove: 0 });
    if (items === null) return 'not streamed';
    return [...items];
  } catch (error) {
    return (error as Error).message;
  }
}

function whole(reader: Reader, text: string): ReaderItem[] {
  return [...reader(text.replace(/^\uFEFF/, ''), 'file', {})];
}

const SIZES = [1, 2, 3, 5, 7, 64, 4096];

/** Invented records: an emoji, a musical symbol, accents, CJK, escapes, a CRLF inside a string. */
const JSONL = [
  { text: 'Admitted 🙈 to Riverside General Hospital on 3 May', spans: [{ start: 13, end: 39, label: 'HOSPITAL' }] },
  { text: 'Dr. Mai Tran 𝄞 counted 1,250 beds', title: 'Beds' },
  { text: 'é è ü 北京 "quoted" \\ back\r\nslash', meta: { n: 1 } },
]
  .map((record) => JSON.stringify(record))
  .join('\r\n');

describe('lines of a text arriving in pieces', () => {
  it('split as linesOf splits the whole text, wherever the pieces are cut', () => {
    const text = 'one\r\ntwo\rthree\n\nfour\r\r\nfive\r';
    const expected = [...linesOf(text)];
    for (let size = 1; size <= text.length; size++) {
      const pieces = [];
      for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
      expect([...linesOfChunks(pieces)]).toEqual(expected);
    }
  });
});

describe('JSON lines read in chunks', () => {
  const cases: [ImportFormat, Reader][] = [
    ['jsonl', readJsonLines],
    ['doccano', readDoccano],
    ['spacy', readSpacy],
  ];
  for (const [format, reader] of cases) {
    it(`${format}: the same items as the whole text, records and multi-byte characters cut by every chunk size`, () => {
      const path = fileWith('lines.jsonl', `\uFEFF${JSONL}\r\n`);
      const expected = whole(reader, `\uFEFF${JSONL}\r\n`);
      expect(expected.length).toBe(3);
      for (const size of SIZES) expect(streamed(path, format, size)).toEqual(expected);
    });
  }

  it('keeps the line number of a bad line among good ones, with CRLF line ends', () => {
    const text = ['{"text": "first"}', '{"text": "broken"', '', '{"text": "fourth 😀"}', '{"title": "no text"}'].join('\r\n');
    const path = fileWith('bad.jsonl', text);
    const items = streamed(path, 'jsonl', 3) as ReaderItem[];
    expect(items.map((item) => [item.kind, 'line' in item ? item.line : undefined])).toEqual([
      ['record', 1],
      ['problem', 2],
      ['record', 4],
      ['problem', 5],
    ]);
    expect(items).toEqual(whole(readJsonLines, text));
  });

  it('reads one record much larger than the chunk', () => {
    const long = `${'word 🙈 '.repeat(5000)}end`;
    const path = fileWith('long.jsonl', `${JSON.stringify({ text: 'short' })}\n${JSON.stringify({ text: long })}\n`);
    const items = streamed(path, 'jsonl', 16) as ReaderItem[];
    expect(items.map((item) => (item.kind === 'record' ? item.text : item.kind))).toEqual(['short', long]);
  });

  it('refuses invalid UTF-8 in the middle of a large file with its byte offset, before storing anything', async () => {
    const good = `${JSON.stringify({ text: 'fine line 🙈' })}\n`.repeat(2000);
    const bad = Buffer.concat([Buffer.from(good), Buffer.from('{"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n'), Buffer.from(good)]);
    const offset = Buffer.byteLength(good) + '{"text": "caf'.length;
    const path = fileWith('bad-utf8.jsonl', bad);
    for (const size of [5, 1024, 1 << 20]) {
      expect(streamed(path, 'jsonl', size)).toBe(
        `not valid UTF-8: byte 0xE9 at byte offset ${offset} does not start a valid sequence (if the file uses another encoding, pass --encoding NAME, e.g. --encoding windows-1252)`,
      );
    }
    const { db } = createTestProject();
    const report = await importPaths(db, [path], { chunkBytes: 1024 });
    expect(report.documentsImported).toBe(0);
    expect(report.rejected).toEqual([{ path, reason: expect.stringContaining(`at byte offset ${offset} `) as string }]);
  });

  it('refuses a multi-byte character cut off by the end of the file, and a file of white space', () => {
    const cut = fileWith('cut.jsonl', Buffer.concat([Buffer.from('{"text": "a"}\n'), Buffer.from([0xf0, 0x9f])]));
    expect(streamed(cut, 'jsonl', 4)).toMatch(/byte 0xF0 at byte offset 14 /);
    const blank = fileWith('blank.jsonl', ' \r\n\t\n');
    expect(streamed(blank, 'jsonl', 2)).toBe('file holds only white space');
  });
});

describe('CoNLL read in chunks', () => {
  it('gives the documents and problems of the whole text', () => {
    const text = '\uFEFF-DOCSTART- -X- O O\r\n\r\nMai B-PERSON\r\nTran I-PERSON\r\n🙈 O\r\nsaid O\r\n\r\nRiverside B-HOSPITAL\r\nbad B-\r\n-DOCSTART-\r\n\r\nÉcole O\r\n';
    const path = fileWith('doc.conll', text);
    const expected = whole(readConll, text);
    expect(expected.filter((item) => item.kind === 'record')).toHaveLength(2);
    for (const size of SIZES) expect(streamed(path, 'conll', size)).toEqual(expected);
  });
});

describe('JSON documents read element by element', () => {
  it('our json export: labels first, then each document, cut anywhere', () => {
    const text = JSON.stringify(
      {
        format: 'marginalia',
        version: 1,
        labels: [{ name: 'HOSPITAL', display_name: 'Hospital', color: '#2f7ed8', key: '1' }],
        entities: [{ id: 3, name: 'Riverside General Hospital', label: 'HOSPITAL', aliases: ['Riverside'] }],
        documents: [
          { id: 1, title: 'One', text: 'At Riverside 🙈 today', meta: { a: [1, { b: '}' }] }, spans: [{ start: 3, end: 12, label: 'HOSPITAL', text: 'Riverside', entity: 3 }] },
          { id: 2, title: 'Two', text: 'Brackets ] [ { } and "quotes" \\ 𝄞', meta: {} },
        ],
      },
      null,
      2,
    );
    const path = fileWith('export.json', text);
    const expected = whole(readJson, text);
    expect(expected.map((item) => item.kind)).toEqual(['labels', 'entities', 'record', 'record']);
    for (const size of SIZES) expect(streamed(path, 'json', size)).toEqual(expected);
  });

  it('elements one a line, as exports write them, parsed line by line with the same result', () => {
    const documents = [{ text: 'one 🙈', meta: { a: '},\n{' } }, { text: 'two, with a comma at the end,' }, { text: 'three 𝄞' }];
    const lines = documents.map((document) => JSON.stringify(document));
    const texts = [
      `{"format":"marginalia","version":1,"labels":[],"documents":[\n${lines.join(',\n')}\n]}\n`,
      `[\r\n${lines.join(',\r\n')}]`,
      `[${lines[0]},\n${lines[1]}, ${lines[2]}\n]`,
    ];
    for (const text of texts) {
      const path = fileWith('lines.json', text);
      const expected = whole(readJson, text);
      expect(expected.filter((item) => item.kind === 'record')).toHaveLength(3);
      for (const size of SIZES) expect(streamed(path, 'json', size)).toEqual(expected);
    }
  });

  it('an array of documents, Label Studio tasks and Web Annotations, as read whole', () => {
    const documents = JSON.stringify([{ text: 'first 😀' }, { text: 'second', title: 'T' }, 7]);
    const tasks = JSON.stringify([
      { id: 1, data: { text: 'Mai Tran 🙈 came' }, annotations: [{ completed_by: 'lan', result: [{ type: 'labels', value: { start: 0, end: 8, labels: ['PERSON'] } }] }] },
      { id: 2, data: { text: 'nothing' } },
    ]);
    const annotations = JSON.stringify([
      { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:t:1', type: 'Text', value: 'Riverside 🙈 opened', title: 'A' },
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'urn:t:1#1',
        type: 'Annotation',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'HOSPITAL' },
        target: { source: 'urn:t:1', selector: [{ type: 'TextPositionSelector', start: 0, end: 9 }] },
      },
      { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:t:2', type: 'Text', value: 'Second text' },
    ]);
    const cases: [string, ImportFormat, Reader][] = [
      [documents, 'json', readJson],
      [tasks, 'json', readJson],
      [tasks, 'labelstudio', readLabelStudio],
      [annotations, 'json', readJson],
      [annotations, 'webanno', readWebAnnotation],
    ];
    for (const [text, format, reader] of cases) {
      const path = fileWith('file.json', text);
      const expected = whole(reader, text);
      for (const size of SIZES) expect(streamed(path, format, size)).toEqual(expected);
    }
  });

  it('reports a bad element at its line and reads the ones after it', () => {
    const text = '[\n{"text": "one"},\n{"text": "two" "oops"},\n{"text": "three 𝄞"}\n]\n';
    const items = streamed(fileWith('bad.json', text), 'json', 4) as ReaderItem[];
    expect(items.map((item) => (item.kind === 'record' ? item.text : item.kind === 'problem' ? `${item.line}: ${item.reason}` : item.kind))).toEqual([
      'one',
      expect.stringMatching(/^3: document 2: invalid JSON: /) as string,
      'three 𝄞',
    ]);
  });

  it('splits elements the same whatever the pieces', () => {
    const text = ' { "skip": [1, {"x": "]"}], "documents" : [ 1 , "a\\"]" , {"b": [true, null]} , -2.5e3 ] , "after": {} } ';
    const expected: JsonPart[] = [];
    const one = new JsonElementSplitter('documents');
    expected.push(...one.feed(text), ...one.end());
    expect(expected.filter((part) => part.kind === 'element').map((part) => (part.kind === 'element' ? part.text : ''))).toEqual([
      '1',
      '"a\\"]"',
      '{"b": [true, null]}',
      '-2.5e3',
    ]);
    for (let size = 1; size < 12; size++) {
      const splitter = new JsonElementSplitter('documents');
      const parts: JsonPart[] = [];
      for (let at = 0; at < text.length; at += size) parts.push(...splitter.feed(text.slice(at, at + size)));
      parts.push(...splitter.end());
      expect(parts).toEqual(expected);
    }
  });
});

describe('an import of a streamed file', () => {
  it('commits in batches inside one file and stores every record and span', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ text: `Note ${i} 🙈 from Riverside General Hospital`, spans: [{ start: 14, end: 40, label: 'HOSPITAL' }] }));
    const path = fileWith('many.jsonl', `${lines.join('\n')}\n`);
    const { db } = createTestProject();
    const report = await importPaths(db, [path], { chunkBytes: 100, batchDocuments: 7 });
    expect(report).toMatchObject({ documentsImported: 50, spansAdded: 50, rejected: [] });
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM documents')).toBe(50);
    // Searchable right after the import: every batch was indexed before its commit.
    expect(count("SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH 'riverside'")).toBe(50);
    const spans = spansInDocument(db, 50);
    expect(spans.map((span) => [span.startCp, span.endCp, span.label])).toEqual([[14, 40, 'HOSPITAL']]);
  });
});
