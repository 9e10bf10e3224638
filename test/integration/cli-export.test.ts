import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { corpusFile } from '../helpers/corpus.js';
import { jsonLines, writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';

interface ExportedSpan {
  start: number;
  end: number;
  label: string;
  text: string;
  annotator: string;
  status: string;
  entity: number | null;
  entity_name: string | null;
  duplicate_cluster: number | null;
}
interface ExportedDoc {
  id: number;
  title: string;
  text: string;
  meta: Record<string, unknown>;
  spans: ExportedSpan[];
  noise: { start: number; end: number; kind: string; text: string }[];
}

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/schema/marginalia-export.schema.json'), 'utf8')) as object;

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(schema, 'export');
  return {
    json: ajv.getSchema('export')!,
    document: ajv.getSchema('export#/$defs/document')!,
  };
}

function readJsonl(path: string): ExportedDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ExportedDoc);
}

/** Code-point offsets of `needle` in `text`, as Python's str.find would give. */
function findCp(text: string, needle: string): { start: number; end: number } {
  const startU16 = text.indexOf(needle);
  if (startU16 < 0) throw new Error(`${needle} not in text`);
  const start = [...text.slice(0, startU16)].length;
  return { start, end: start + [...needle].length };
}

/**
 * A project holding the astral-character corpus file (001_) and spans placed after
 * the emoji, imported the way a team-mate's export would arrive.
 */
function projectWithAstralSpans() {
  const dir = tempDir();
  const source = join(dir, '001.txt');
  copyFileSync(corpusFile('001_'), source);
  const text = readFileSync(source, 'utf8');
  const names = ['108 Military Central Hospital', 'Hanoi Medical University Hospital', 'Jan D. Schmitto'];
  const spans = names.map((name, i) => ({
    ...findCp(text, name),
    label: i === 2 ? 'PERSON' : 'HOSPITAL',
    text: name,
    annotator: 'lan',
    status: i === 1 ? 'suggested' : 'accepted',
    // A jsonl line names its entity, so the link survives a trip through another project.
    ...(i === 0 ? { entity_name: 'Military Central Hospital 108' } : {}),
  }));
  writeFiles(dir, { 'spans.jsonl': jsonLines([{ title: 'x', text, meta: {}, spans }]) });
  const dbPath = join(dir, 'p.sqlite');
  expect(runCli(['import', source, join(dir, 'spans.jsonl'), '--db', dbPath]).status).toBe(0);
  return { dir, dbPath, text, spans };
}

describe('marginalia export', () => {
  it('writes code-point offsets that slice the source text as Python does, past astral characters', () => {
    const { dir, dbPath, text } = projectWithAstralSpans();
    expect(text.length).toBeGreaterThan([...text].length); // the file really has astral characters
    const out = join(dir, 'e.jsonl');
    const result = runCli(['export', '--db', dbPath, '--format', 'jsonl', '--status', 'all', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/exported 1 document and 3 spans/);
    const [doc] = readJsonl(out);
    expect(doc?.text).toBe(text);
    expect(doc?.spans.map((s) => s.text)).toEqual(['Hanoi Medical University Hospital', '108 Military Central Hospital', 'Jan D. Schmitto'].sort(
      (a, b) => findCp(text, a).start - findCp(text, b).start,
    ));
    for (const span of doc?.spans ?? []) expect([...text].slice(span.start, span.end).join('')).toBe(span.text);
    const astral = [...text].flatMap((ch, i) => (ch.codePointAt(0)! > 0xffff ? [i] : []));
    expect(astral).toHaveLength(4);
    for (const i of astral) {
      expect(doc?.noise.some((mark) => mark.kind === 'injected_char' && mark.start <= i && i < mark.end)).toBe(true);
    }

    const python = spawnSync('python3', ['-c', [
      'import json, sys',
      'd = json.loads(open(sys.argv[1], encoding="utf-8").readline())',
      'src = open(sys.argv[2], encoding="utf-8", newline="").read()',
      'assert d["text"] == src, "text differs"',
      'bad = [s for s in d["spans"] + d["noise"] if d["text"][s["start"]:s["end"]] != s["text"]]',
      'print(len(d["spans"]), len(bad))',
    ].join('\n'), out, join(dir, '001.txt')], { encoding: 'utf8' });
    if (python.error) throw new Error(`python3 is needed for this check: ${python.error.message}`);
    expect(python.stderr).toBe('');
    expect(python.stdout.trim()).toBe('3 0');
  });

  it('filters by status and label, and refuses an unknown label', () => {
    const { dbPath } = projectWithAstralSpans();
    const accepted = readJsonlFromStdout(runCli(['export', '--db', dbPath, '--format', 'jsonl']).stdout);
    expect(accepted[0]?.spans.map((s) => s.status)).toEqual(['accepted', 'accepted']);
    const suggested = readJsonlFromStdout(runCli(['export', '--db', dbPath, '--format', 'jsonl', '--status', 'suggested']).stdout);
    expect(suggested[0]?.spans.map((s) => s.text)).toEqual(['Hanoi Medical University Hospital']);
    const people = readJsonlFromStdout(runCli(['export', '--db', dbPath, '--format', 'jsonl', '--labels', 'PERSON']).stdout);
    expect(people[0]?.spans.map((s) => s.label)).toEqual(['PERSON']);
    const unknown = runCli(['export', '--db', dbPath, '--format', 'jsonl', '--labels', 'DRUG']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown label DRUG \(labels: HOSPITAL, DATE, PERSON, FIGURE\)/);
    expect(runCli(['export', '--db', dbPath, '--format', 'xml']).status).toBe(2);
    expect(runCli(['export', '--db', dbPath, '--format', 'jsonl', '--status', 'maybe']).status).toBe(2);
  });

  it('writes json and jsonl that validate against the published JSON Schema', () => {
    const { dir, dbPath } = projectWithAstralSpans();
    const { json, document } = validator();
    const jsonOut = join(dir, 'e.json');
    expect(runCli(['export', '--db', dbPath, '--format', 'json', '--status', 'all', '--out', jsonOut]).status).toBe(0);
    const whole = JSON.parse(readFileSync(jsonOut, 'utf8')) as { documents: ExportedDoc[]; labels: unknown[] };
    expect(json(whole), JSON.stringify(json.errors)).toBe(true);
    expect(whole.documents).toHaveLength(1);
    expect(whole.labels).toHaveLength(4);
    const lines = readJsonlFromStdout(runCli(['export', '--db', dbPath, '--format', 'jsonl', '--status', 'all']).stdout);
    for (const line of lines) expect(document(line), JSON.stringify(document.errors)).toBe(true);
    // The schema is strict enough to catch a wrong export.
    expect(document({ ...lines[0], spans: [{ start: -1 }] })).toBe(false);
  });

  it('round-trips: export, import into a fresh project, export again gives the same documents and spans', () => {
    const { dir, dbPath } = projectWithAstralSpans();
    writeFiles(dir, { 'more/crlf.txt': 'Line one\r\nCho Ray Hospital 🅺 line two\r\n', 'more/sheet.csv': 'text,site\r\n"multi\r\nline",a\r\n' });
    expect(runCli(['import', join(dir, 'more'), '--db', dbPath]).status).toBe(0);
    for (const format of ['jsonl', 'json'] as const) {
      const first = join(dir, `first.${format}`);
      const second = join(dir, `second.${format}`);
      const fresh = join(dir, `fresh-${format}.sqlite`);
      expect(runCli(['export', '--db', dbPath, '--format', format, '--status', 'all', '--out', first]).status).toBe(0);
      const imported = runCli(['import', first, '--db', fresh]);
      expect(imported.status).toBe(0);
      expect(imported.stdout).toMatch(/imported 3 documents .* added 3 spans/);
      expect(runCli(['export', '--db', fresh, '--format', format, '--status', 'all', '--out', second]).status).toBe(0);
      const strip = (docs: ExportedDoc[]) => docs.map(({ id: _id, ...rest }) => rest);
      const load = (path: string) => (format === 'json' ? (JSON.parse(readFileSync(path, 'utf8')) as { documents: ExportedDoc[] }).documents : readJsonl(path));
      expect(strip(load(second))).toEqual(strip(load(first)));
      expect(load(first)).toHaveLength(3);
      const linked = load(first).flatMap((doc) => doc.spans).filter((span) => span.entity_name !== null);
      expect(linked.map((span) => [span.text, span.entity_name])).toEqual([['108 Military Central Hospital', 'Military Central Hospital 108']]);
      if (format === 'json') {
        const entities = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { entities: unknown[] }).entities;
        expect(entities(second)).toEqual(entities(first));
        expect(entities(first)).toEqual([{ id: linked[0]?.entity, name: 'Military Central Hospital 108', label: 'HOSPITAL', aliases: [] }]);
      }

      const back = runCli(['import', first, '--db', dbPath]);
      expect(back.stdout).toMatch(/imported 0 documents \(0\.00 MB\), skipped 3 duplicates, rejected 0 files$/m);
    }
  });

  it('writes csv by RFC 4180 with formulas neutralised, a BOM on request, and context', () => {
    const dir = tempDir();
    const text = '=HYPERLINK("http://x") said +84 912, then "Hue Central Hospital", opened.\r\nNext line';
    const hospital = findCp(text, 'Hue Central Hospital');
    const phone = findCp(text, '+84 912');
    writeFiles(dir, {
      'a.jsonl': jsonLines([{
        title: '@risk, "quoted"',
        text,
        meta: {},
        spans: [{ ...hospital, label: 'HOSPITAL' }, { ...phone, label: 'FIGURE', annotator: '-lan' }],
      }]),
    });
    const dbPath = join(dir, 'p.sqlite');
    expect(runCli(['import', join(dir, 'a.jsonl'), '--db', dbPath]).status).toBe(0);
    const out = join(dir, 'e.csv');
    expect(runCli(['export', '--db', dbPath, '--format', 'csv', '--bom', '--out', out]).status).toBe(0);
    const raw = readFileSync(out, 'utf8');
    expect(
      raw.startsWith('\uFEFFdocument_id,document_title,start,end,label,text,status,annotator,entity,value,context,entity_name,duplicate_cluster\r\n'),
    ).toBe(true);
    const rows = parse(raw, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      document_title: "'@risk, \"quoted\"",
      start: String(phone.start),
      label: 'FIGURE',
      text: "'+84 912",
      annotator: "'-lan",
    });
    expect(rows[1]).toMatchObject({ text: 'Hue Central Hospital', start: String(hospital.start), end: String(hospital.end) });
    expect(rows[1]?.context).toBe('\'=HYPERLINK("http://x") said +84 912, then "[Hue Central Hospital]", opened. Next line');
    expect(readdirSync(dirname(out)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});

function readJsonlFromStdout(stdout: string): ExportedDoc[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ExportedDoc);
}
