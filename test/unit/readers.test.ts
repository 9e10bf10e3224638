import { describe, expect, it } from 'vitest';
import type { DeclaredLabels, ImportRecord, Reader, ReaderItem, ReaderOptions, RecordProblem } from '../../src/main/import/record.js';
import { readCsv, readTsv } from '../../src/main/import/readers/csv.js';
import { extractHtml, readHtml } from '../../src/main/import/readers/html.js';
import { formatForPath, IMPORT_FORMATS, readerForPath } from '../../src/main/import/readers/index.js';
import { readJson } from '../../src/main/import/readers/json.js';
import { readJsonLines } from '../../src/main/import/readers/jsonl.js';
import { readMarkdown } from '../../src/main/import/readers/markdown.js';
import { readText } from '../../src/main/import/readers/text.js';
import { sliceCp } from '../../src/shared/offsets.js';

function read(reader: Reader, text: string, options: ReaderOptions = {}, fileName = 'file.x'): ReaderItem[] {
  return [...reader(text, fileName, options)];
}

function records(items: readonly ReaderItem[]): ImportRecord[] {
  return items.filter((item): item is ImportRecord => item.kind === 'record');
}

function problems(items: readonly ReaderItem[]): RecordProblem[] {
  return items.filter((item): item is RecordProblem => item.kind === 'problem');
}

function only(items: readonly ReaderItem[]): ImportRecord {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item?.kind !== 'record') throw new Error(`expected one record, got ${JSON.stringify(items)}`);
  return item;
}

function jsonLines(...lines: unknown[]): string {
  return lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
}

describe('readText', () => {
  it('keeps the text exactly, CRLF and surrounding whitespace included', () => {
    const text = '\r\n  First line  \r\nsecond\r\n\r\n';
    const record = only(read(readText, text));
    expect(record.text).toBe(text);
    expect(record.title).toBe('First line');
    expect(record.meta).toEqual({});
  });

  it('cuts a long first line to 200 code points ending in …, counting astral characters once', () => {
    const record = only(read(readText, `${'😀'.repeat(300)}\nrest`));
    expect([...record.title]).toHaveLength(200);
    expect(record.title).toBe(`${'😀'.repeat(199)}…`);
  });

  it('keeps a title of exactly 200 code points whole', () => {
    const line = '𝄞'.repeat(200);
    expect(only(read(readText, line)).title).toBe(line);
  });

  it('falls back to the file name when no line holds anything', () => {
    expect(only(read(readText, ' \r\n\t\n', {}, 'blank.txt')).title).toBe('blank.txt');
  });

  it('titles a file whose lines end in lone CRs by its first line only', () => {
    expect(only(read(readText, 'one\rtwo\r')).title).toBe('one');
  });
});

describe('readMarkdown', () => {
  it('keeps the markdown source exactly and takes the first ATX heading', () => {
    const text = 'Intro paragraph\r\n\r\n## The *Report* ##\r\n\r\n# Later\r\n';
    const record = only(read(readMarkdown, text));
    expect(record.text).toBe(text);
    expect(record.title).toBe('The *Report*');
  });

  it('takes a setext heading', () => {
    expect(only(read(readMarkdown, '\nAnnual Review\n=============\n\nbody')).title).toBe('Annual Review');
    expect(only(read(readMarkdown, 'Minutes\r\n-------\r\nbody')).title).toBe('Minutes');
  });

  it('ignores headings inside code fences, front matter, and #hashtags', () => {
    const text = '---\ntitle: meta\n---\n#hashtag line\n```sh\n# a shell comment\n```\n# Real Title\n';
    expect(only(read(readMarkdown, text)).title).toBe('Real Title');
  });

  it('does not take a thematic break after a blank line as a heading', () => {
    expect(only(read(readMarkdown, 'para\n\n---\n\nmore')).title).toBe('para');
  });

  it('falls back to the first non-blank line, then the file name', () => {
    expect(only(read(readMarkdown, '\n  plain start\nmore')).title).toBe('plain start');
    expect(only(read(readMarkdown, '\n\n', {}, 'empty.md')).title).toBe('empty.md');
  });
});

describe('readHtml', () => {
  const page = `<!DOCTYPE html>
<html><head>
  <title>  The
     Page  </title>
  <style>body { color: red }</style>
  <script>var x = "<p>not text</p>";</script>
</head>
<body>
  <h1>Main   heading</h1>
  <p>First   paragraph with <b>bold</b> and
     <a href="#">a link</a>.</p>
  <p>Fish &amp; chips &lt;3 caf&eacute; &#x1F600; &nbsp;x</p>
  <noscript>enable JS</noscript>
  <template><p>hidden</p></template>
  <svg><title>icon</title><path d="M0"/></svg>
  <ul><li>one</li><li>two
    <ul><li>nested</li></ul></li></ul>
  <div>block<br>after break</div>
  <pre>
  keep   this
    indent</pre>
  <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>
  <p></p><p></p><div></div>
  <p>last</p>
</body></html>`;

  it('extracts the visible text as a browser lays it out', () => {
    expect(extractHtml(page).text).toBe(
      [
        'Main heading',
        '',
        'First paragraph with bold and a link.',
        '',
        'Fish & chips <3 café 😀 \u00a0x',
        '',
        'one',
        'two',
        'nested',
        '',
        'block',
        'after break',
        '',
        '  keep   this',
        '    indent',
        '',
        'a\tb',
        '1\t2',
        '',
        'last',
      ].join('\n'),
    );
  });

  it('titles the record by <title>, whitespace collapsed', () => {
    const record = only(read(readHtml, page));
    expect(record.title).toBe('The Page');
    expect(record.meta).toEqual({});
  });

  it('falls back to the first <h1>, then the first line of text', () => {
    expect(only(read(readHtml, '<p>intro</p><h1>The <i>Heading</i></h1><h1>second</h1>')).title).toBe('The Heading');
    expect(only(read(readHtml, '<div>\n  just text\n</div><p>more</p>')).title).toBe('just text');
  });

  it('reads the body even when </head> is missing', () => {
    const record = only(read(readHtml, '<html><head><title>T</title><body><p>Body text</p></body></html>'));
    expect(record.text).toBe('Body text');
  });

  it('never writes more than one blank line in a row and trims the result', () => {
    const { text } = extractHtml('<br><br><p>a</p><br><br><br><hr><p>b</p><br><br>');
    expect(text).toBe('a\n\nb');
  });

  it('drops a newline right after <pre> but keeps the rest', () => {
    expect(extractHtml('<pre>\nx\n\n\ny</pre>').text).toBe('x\n\n\ny');
  });
});

describe('readJsonLines', () => {
  it('reads good lines among bad ones and names each bad line', () => {
    const text = [
      '{"text": "first doc", "title": "One", "source": "web", "n": 3}',
      '{"text": "second"',
      '',
      '[1, 2]',
      '{"title": "no text here"}',
      '   ',
      '{"text": 42}',
      '{"text": "third\\r\\nwith CRLF inside"}',
    ].join('\r\n');
    const items = read(readJsonLines, `${text}\r\n`);
    expect(records(items).map((record) => [record.line, record.title, record.text, record.meta])).toEqual([
      [1, 'One', 'first doc', { source: 'web', n: 3 }],
      [8, 'third', 'third\r\nwith CRLF inside', {}],
    ]);
    expect(problems(items).map((problem) => problem.line)).toEqual([2, 4, 5, 7]);
    const reasons = problems(items).map((problem) => problem.reason);
    expect(reasons[0]).toMatch(/^invalid JSON: /);
    expect(reasons[1]).toBe('not a JSON object');
    expect(reasons[2]).toBe('no "text" field (a string is needed)');
    expect(reasons[3]).toBe('no "text" field (a string is needed)');
  });

  it('reads our own export: meta as given, spans in code points after astral characters', () => {
    const text = '😀😀 Admitted to St Mary 🏥 on 3 May';
    const hospitalStart = [...'😀😀 Admitted to '].length;
    const dateStart = [...'😀😀 Admitted to St Mary 🏥 on '].length;
    const own = {
      id: 17,
      title: 'Case 17',
      text,
      meta: { source: 'ward', tags: ['a'] },
      spans: [
        { start: hospitalStart, end: hospitalStart + 7, label: 'HOSPITAL', text: 'St Mary', status: 'accepted', annotator: 'ann', entity: 4, value: null, note: 'checked' },
        { start: dateStart, end: dateStart + 5, label: 'DATE', text: '3 May', status: 'suggested', value: { iso: '2024-05-03' } },
      ],
      noise: [{ start: 0, end: 1, kind: 'injected_char' }],
    };
    const record = only(read(readJsonLines, jsonLines(own)));
    expect(record.title).toBe('Case 17');
    expect(record.meta).toEqual({ source: 'ward', tags: ['a'] });
    expect(record.line).toBe(1);
    expect(record.spans).toEqual([
      { startCp: hospitalStart, endCp: hospitalStart + 7, label: 'HOSPITAL', status: 'accepted', annotator: 'ann', value: null, note: 'checked' },
      { startCp: dateStart, endCp: dateStart + 5, label: 'DATE', status: 'suggested', value: { iso: '2024-05-03' } },
    ]);
    // The offsets are code points: as UTF-16 indices they would land two units early.
    expect(hospitalStart).not.toBe(text.indexOf('St Mary'));
    expect(sliceCp(text, hospitalStart, hospitalStart + 7)).toBe('St Mary');
  });

  it('refuses a record whose span text does not match, hinting at UTF-16 offsets', () => {
    const text = '😀 St Mary hospital';
    const u16Start = text.indexOf('St Mary');
    const items = read(
      readJsonLines,
      jsonLines(
        { text: 'fine', meta: {} },
        { text, meta: {}, spans: [{ start: u16Start, end: u16Start + 7, label: 'HOSPITAL', text: 'St Mary' }] },
      ),
    );
    expect(records(items)).toHaveLength(1);
    const [problem] = problems(items);
    expect(problem?.line).toBe(2);
    expect(problem?.reason).toMatch(/^span 1: /);
    expect(problem?.reason).toContain('"St Mary"');
    expect(problem?.reason).toContain('UTF-16 units rather than code points');
  });

  it('hints at UTF-16 offsets when a span ends past the code points but within the UTF-16 units', () => {
    const [problem] = problems(read(readJsonLines, jsonLines({ text: '😀 St Mary', meta: {}, spans: [{ start: 3, end: 10, label: 'H' }] })));
    expect(problem?.reason).toBe(
      'span 1: offsets 3–10 fall outside the text (0–9 code points); the offsets may be UTF-16 units rather than code points',
    );
  });

  it.each([
    [{ start: 0, end: 99, label: 'X' }, 'outside the text (0–6 code points)'],
    [{ start: 2, end: 2, label: 'X' }, 'must be before'],
    [{ start: 0.5, end: 2, label: 'X' }, 'whole numbers'],
    [{ start: 0, end: 2, label: 'bad label' }, 'not a valid label name'],
    [{ start: 0, end: 2 }, 'no "label"'],
    [{ start: 0, end: 2, label: 'X', status: 'maybe' }, 'not one of accepted, suggested, rejected'],
    [{ start: 0, end: 2, label: 'X', annotator: 7 }, '"annotator" must be a string'],
    ['span', 'not a JSON object'],
  ])('refuses a bad span %j', (span, reason) => {
    const [problem] = problems(read(readJsonLines, jsonLines({ text: 'abcdef', spans: [{ start: 0, end: 1, label: 'OK' }, span] })));
    expect(problem?.reason).toMatch(/^span 2: /);
    expect(problem?.reason).toContain(reason);
  });

  it('treats an object with a meta object as our own format, other fields not becoming meta', () => {
    const record = only(read(readJsonLines, jsonLines({ text: 'body', meta: { a: 1 }, extra: true })));
    expect(record.meta).toEqual({ a: 1 });
    expect(record.spans).toBeUndefined();
  });

  it('titles a record without a title by its first line', () => {
    expect(only(read(readJsonLines, jsonLines({ text: '\n  Heading line\nrest' }))).title).toBe('Heading line');
  });

  it('keeps a "__proto__" field as plain meta', () => {
    const record = only(read(readJsonLines, '{"text": "x", "__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(record.meta)).toBe(Object.prototype);
    expect(Object.keys(record.meta)).toEqual(['__proto__']);
  });
});

describe('readJson', () => {
  const exportFile = {
    format: 'marginalia',
    version: 1,
    labels: [
      { name: 'HOSPITAL', display_name: 'Hospital', color: '#c0392b', key: 'h' },
      { name: 'DATE', display_name: 'Date', color: 'red', key: null },
      { name: 'PERSON', display_name: 'Person', color: '#16A085' },
    ],
    documents: [
      { id: 1, title: 'A', text: 'Seen at 🏥 Mercy\r\nnext line', meta: { ward: 3 }, spans: [{ start: 8, end: 15, label: 'HOSPITAL', text: '🏥 Mercy' }] },
      { id: 2, text: 'spans make it ours, so meta must be an object', meta: 'oops', spans: [] },
      { title: 'plain', text: 'third', source: 'x' },
    ],
  };

  it('reads our own export: labels first, then documents, problems by document number', () => {
    const items = read(readJson, JSON.stringify(exportFile, null, 2));
    expect(items[0]).toEqual<DeclaredLabels>({
      kind: 'labels',
      labels: [
        { name: 'HOSPITAL', displayName: 'Hospital', color: '#c0392b', shortcutKey: 'h', namesThings: true },
        { name: 'PERSON', displayName: 'Person', color: '#16A085', shortcutKey: null, namesThings: true },
      ],
    });
    expect(problems(items).map((problem) => [problem.line, problem.reason])).toEqual([
      [undefined, 'label 2: color "red" is not of the form #rrggbb'],
      [undefined, 'document 2: "meta" must be an object'],
    ]);
    const [first, third] = records(items);
    expect(first).toEqual({
      kind: 'record',
      title: 'A',
      text: 'Seen at 🏥 Mercy\r\nnext line',
      meta: { ward: 3 },
      spans: [{ startCp: 8, endCp: 15, label: 'HOSPITAL' }],
    });
    expect(third).toMatchObject({ title: 'plain', text: 'third', meta: { source: 'x' } });
    expect(third?.line).toBeUndefined();
  });

  it('links spans to the entities the export declares, by name, and says which entity entries are bad', () => {
    const text = 'Bach Mai Hospital and Bạch Mai';
    const file = {
      format: 'marginalia',
      version: 1,
      labels: [],
      entities: [
        { id: 7, name: 'Bach Mai Hospital', label: 'HOSPITAL', aliases: ['Bạch Mai', ' '] },
        { id: 8, name: '' },
        { id: 7, name: 'again' },
      ],
      documents: [
        {
          text,
          meta: {},
          spans: [
            { start: 0, end: 17, label: 'HOSPITAL', entity: 7 },
            { start: 22, end: 30, label: 'HOSPITAL', entity: 99, entity_name: 'Bach Mai Hospital' },
            { start: 0, end: 8, label: 'HOSPITAL', entity: 99 },
          ],
        },
      ],
    };
    const items = read(readJson, JSON.stringify(file));
    expect(problems(items).map((problem) => problem.reason)).toEqual([
      'entity 2: "name" must be a non-empty string',
      'entity 3: id 7 is declared twice',
    ]);
    expect(only(items.filter((item) => item.kind === 'record')).spans).toEqual([
      { startCp: 0, endCp: 17, label: 'HOSPITAL', entity: { name: 'Bach Mai Hospital', aliases: ['Bạch Mai'] } },
      { startCp: 22, endCp: 30, label: 'HOSPITAL', entity: { name: 'Bach Mai Hospital', aliases: [] } },
      { startCp: 0, endCp: 8, label: 'HOSPITAL' },
    ]);
  });

  it('refuses a document whose span has a malformed entity link', () => {
    const items = read(readJsonLines, jsonLines({ text: 'Cho Ray', spans: [{ start: 0, end: 7, label: 'HOSPITAL', entity: 'x' }] }));
    expect(problems(items).map((problem) => problem.reason)).toEqual(['span 1: "entity" must be a whole number or null']);
    const named = read(readJsonLines, jsonLines({ text: 'Cho Ray', spans: [{ start: 0, end: 7, label: 'HOSPITAL', entity_name: 3 }] }));
    expect(problems(named).map((problem) => problem.reason)).toEqual(['span 1: "entity_name" must be a non-empty string or null']);
  });

  it('reads a top-level array of documents', () => {
    const items = read(readJson, JSON.stringify([{ text: 'one' }, 5, { text: 'two', lang: 'en' }]));
    expect(records(items).map((record) => [record.text, record.meta])).toEqual([
      ['one', {}],
      ['two', { lang: 'en' }],
    ]);
    expect(problems(items)).toEqual([{ kind: 'problem', reason: 'document 2: not a JSON object' }]);
  });

  it('says where invalid JSON breaks, in lines and code point columns', () => {
    expect(() => read(readJson, '[\n  {"text": "a"},\n  {"😀": 1, "text": "x",}\n]')).toThrow(
      /^invalid JSON at line 3 column 24: /,
    );
  });

  it('says an early end of input is at the end', () => {
    expect(() => read(readJson, '{"a":\n  ')).toThrow('invalid JSON at line 2 column 3: Unexpected end of JSON input');
  });

  it('refuses a file from a newer Marginalia', () => {
    expect(() => read(readJson, JSON.stringify({ ...exportFile, version: 2 }))).toThrow(
      'made by a newer Marginalia (format version 2)',
    );
  });

  it.each(['{"text": "a single object"}', '42', '{"format": "other", "documents": []}'])(
    'refuses %s as neither an export nor an array',
    (text) => {
      expect(() => read(readJson, text)).toThrow('not a Marginalia export or an array of documents');
    },
  );
});

describe('readCsv', () => {
  it('reads quoted newlines, commas and quotes, keeping CRLF inside cells', () => {
    const csv = 'id,Text,title\r\n1,"Line one\r\nline two, with comma","He said ""hi"""\r\n2,plain,\r\n';
    const items = read(readCsv, csv);
    expect(items).toEqual([
      { kind: 'record', title: 'He said "hi"', text: 'Line one\r\nline two, with comma', meta: { id: '1' }, line: 2 },
      { kind: 'record', title: 'plain', text: 'plain', meta: { id: '2' }, line: 4 },
    ]);
  });

  it('reports a broken row with its starting line and keeps the rows after it', () => {
    const csv = [
      'text,source', // 1
      '"multi', // 2
      'line",a', // 3
      'bad "quote" here,b', // 4
      'good after,c', // 5
      '"unclosed,d', // 6
      'also good,e', // 7
      '', // 8
      'three,columns,here', // 9
      '"last\nrow",f', // 10-11
    ].join('\n');
    const items = read(readCsv, `${csv}\n`);
    expect(records(items).map((record) => [record.line, record.text, record.meta])).toEqual([
      [2, 'multi\nline', { source: 'a' }],
      [5, 'good after', { source: 'c' }],
      [7, 'also good', { source: 'e' }],
      [10, 'last\nrow', { source: 'f' }],
    ]);
    expect(problems(items).map((problem) => [problem.line, problem.reason])).toEqual([
      [4, 'a quote appears inside an unquoted field (quote the whole field and double the quote)'],
      [6, 'a quoted field is not closed properly (a quote inside it must be doubled as "")'],
      [9, '3 columns where the header has 2'],
    ]);
  });

  it('reports a quote left open to the end of the file at its row and keeps the rows after it', () => {
    const items = read(readCsv, 'text,n\nfirst,1\n"open,2\nsecond,3\nthird,4');
    expect(records(items).map((record) => [record.line, record.text])).toEqual([
      [2, 'first'],
      [4, 'second'],
      [5, 'third'],
    ]);
    expect(problems(items)).toEqual([{ kind: 'problem', line: 3, reason: 'a quoted field is never closed (unmatched ")' }]);
  });

  it('counts lines right in a CRLF file with a bad quote inside a quoted field', () => {
    const csv = 'text\r\n"ok"\r\n"bad "x" quote"\r\nfine\r\n';
    const items = read(readCsv, csv);
    expect(records(items).map((record) => [record.line, record.text])).toEqual([
      [2, 'ok'],
      [4, 'fine'],
    ]);
    expect(problems(items)).toEqual([
      { kind: 'problem', line: 3, reason: 'a quoted field is not closed properly (a quote inside it must be doubled as "")' },
    ]);
  });

  it('reports empty text cells and skips rows of empty cells', () => {
    const items = read(readCsv, 'title,text\nT,\n,,\n , \nU,"  "\nV,body\n');
    expect(problems(items)).toEqual([
      { kind: 'problem', line: 2, reason: 'empty text' },
      { kind: 'problem', line: 5, reason: 'empty text' },
    ]);
    expect(records(items)).toEqual([{ kind: 'record', title: 'V', text: 'body', meta: {}, line: 6 }]);
  });

  it('takes the text from --text-column, case-insensitively, and keeps empty cells in meta', () => {
    const items = read(readCsv, 'id,Body,text\n1,the body,other\n', { textColumn: 'body' });
    expect(only(items)).toEqual({ kind: 'record', title: 'the body', text: 'the body', meta: { id: '1', text: 'other' }, line: 2 });
    const withEmpty = only(read(readCsv, 'text,note\nabc,\n'));
    expect(withEmpty.meta).toEqual({ note: '' });
  });

  it('refuses a file without the text column, listing the columns', () => {
    expect(() => read(readCsv, 'a,b,c\n1,2,3\n')).toThrow('no "text" column (columns: a, b, c); name one with --text-column');
    expect(() => read(readCsv, 'a,b\n1,2\n', { textColumn: 'content' })).toThrow('no "content" column (columns: a, b)');
  });

  it('refuses a file with no header row', () => {
    expect(() => read(readCsv, '')).toThrow('no header row');
  });

  it('reads multi-byte text and keeps line numbers right after it', () => {
    const items = read(readCsv, 'text\n"😀 é\n€"\n"bad"x\nnext\n');
    expect(records(items).map((record) => [record.line, record.text])).toEqual([
      [2, '😀 é\n€'],
      [5, 'next'],
    ]);
    expect(problems(items).map((problem) => problem.line)).toEqual([4]);
  });
});

describe('readerForPath', () => {
  it.each([
    ['notes.txt', 'txt'],
    ['notes.TEXT', 'txt'],
    ['README.Markdown', 'md'],
    ['page.HTM', 'html'],
    ['page.xhtml', 'html'],
    ['dump.ndjson', 'jsonl'],
    ['dump.jsonl', 'jsonl'],
    ['export.json', 'json'],
    ['sheet.CSV', 'csv'],
    ['data.log', 'txt'],
    ['Makefile', 'txt'],
    ['dir.csv/notes', 'txt'],
  ])('picks the format of %s as %s', (path, format) => {
    expect(formatForPath(path)).toBe(format);
  });

  it('returns the reader for the extension, or for the format given', () => {
    expect(readerForPath('a.md')).toBe(readMarkdown);
    expect(readerForPath('a.csv')).toBe(readCsv);
    expect(readerForPath('a.tsv')).toBe(readTsv);
    expect(readerForPath('a.tab')).toBe(readTsv);
    expect(readerForPath('a.txt', 'jsonl')).toBe(readJsonLines);
    expect(readerForPath('a.weird')).toBe(readText);
    expect(IMPORT_FORMATS).toEqual(['txt', 'md', 'html', 'jsonl', 'json', 'csv', 'tsv', 'doccano', 'spacy', 'labelstudio', 'webanno', 'brat', 'conll']);
  });
});

describe('titles skip noise lines', () => {
  it('takes the first line that is not spam or furniture, and falls back to the first line', async () => {
    const { titleFromText } = await import('../../src/main/import/readers/title.js');
    expect(titleFromText('link fb88 casino\n\nSee more\nHospital opens ward\nbody', 'f.txt')).toBe('Hospital opens ward');
    expect(titleFromText('{a}|{b}|{c}|\n', 'f.txt')).toBe('{a}|{b}|{c}|');
    expect(titleFromText('Hospital opens ward\nlink fb88', 'f.txt')).toBe('Hospital opens ward');
  });
});
