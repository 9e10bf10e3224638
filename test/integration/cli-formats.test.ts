import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { corpusFile } from '../helpers/corpus.js';
import { startBrowserMode } from '../../src/main/server/browser-mode.js';
import { writeFiles } from '../helpers/files.js';
import { createTestProject, tempDir } from '../helpers/project.js';

/** A span as a format placed it, converted to code points for comparison. */
interface Placed {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** Code-point slicing, as Python's text[start:end]. */
const sliceCp = (text: string, start: number, end: number): string => [...text].slice(start, end).join('');

/** Code points of a UTF-16 index, counted on the text itself rather than through the code under test. */
const cpOfU16 = (text: string, index: number): number => [...text.slice(0, index)].length;

type Reader = (file: string, text: string) => Placed[];

/** Each format's spans, read the way that format's own tools read them. */
const READERS: Readonly<Record<string, Reader>> = {
  doccano: (file, text) => {
    const line = JSON.parse(file.split('\n')[0] as string) as { text: string; label: [number, number, string][] };
    expect(line.text).toBe(text);
    return line.label.map(([start, end, label]) => {
      // doccano slices UTF-16 code units, as JavaScript does.
      expect(text.slice(start, end).trim()).not.toBe('');
      return { start: cpOfU16(text, start), end: cpOfU16(text, end), label };
    });
  },
  spacy: (file, text) => {
    const line = JSON.parse(file.split('\n')[0] as string) as {
      text: string;
      tokens: { text: string; start: number; end: number }[];
      spans: { start: number; end: number; label: string; token_start: number; token_end: number }[];
    };
    expect(line.text).toBe(text);
    for (const token of line.tokens) expect(sliceCp(text, token.start, token.end)).toBe(token.text);
    for (const span of line.spans) {
      expect(line.tokens[span.token_start]?.start).toBe(span.start);
      expect(line.tokens[span.token_end]?.end).toBe(span.end);
    }
    return line.spans.map(({ start, end, label }) => ({ start, end, label }));
  },
  labelstudio: (file, text) => {
    const [task] = JSON.parse(file) as { data: { text: string }; annotations: { result: { value: { start: number; end: number; text: string; labels: string[] } }[] }[] }[];
    expect(task?.data.text).toBe(text);
    return (task?.annotations ?? []).flatMap((annotation) =>
      annotation.result.map(({ value }) => {
        expect(sliceCp(text, value.start, value.end)).toBe(value.text);
        return { start: value.start, end: value.end, label: value.labels[0] as string };
      }),
    );
  },
  webanno: (file, text) => {
    const entries = JSON.parse(file) as { type: string; value?: string; body?: { value: string }; target?: { selector: { type: string; exact?: string; start?: number; end?: number }[] } }[];
    expect(entries[0]?.value).toBe(text);
    return entries
      .filter((entry) => entry.type === 'Annotation')
      .map((entry) => {
        const quote = entry.target?.selector.find((selector) => selector.type === 'TextQuoteSelector');
        const position = entry.target?.selector.find((selector) => selector.type === 'TextPositionSelector');
        expect(sliceCp(text, position!.start!, position!.end!)).toBe(quote?.exact);
        return { start: position!.start!, end: position!.end!, label: entry.body!.value };
      });
  },
  conll: (file, text) => {
    // Each token is found in order in the original text, so its tags can be checked against code points.
    const spans: Placed[] = [];
    let cursorU16 = 0;
    let open: { label: string; start: number; end: number } | null = null;
    const close = (): void => {
      if (open) spans.push(open);
      open = null;
    };
    for (const line of file.split('\n')) {
      if (line === '' || line.startsWith('-DOCSTART-')) {
        close();
        continue;
      }
      const [token, tag] = line.split('\t') as [string, string];
      const atU16 = text.indexOf(token, cursorU16);
      expect(atU16, token).toBeGreaterThanOrEqual(0);
      expect(text.slice(cursorU16, atU16).trim(), `between tokens before ${token}`).toBe('');
      cursorU16 = atU16 + token.length;
      const start = cpOfU16(text, atU16);
      const end = cpOfU16(text, cursorU16);
      if (tag.startsWith('I-') && open !== null) (open as { end: number }).end = end;
      else {
        close();
        if (tag !== 'O') open = { label: tag.slice(2), start, end };
      }
    }
    close();
    return spans;
  },
};

/** What IOB can hold: no overlaps, the earlier (then longer) span kept. */
function withoutOverlaps(spans: readonly Placed[]): Placed[] {
  let keptEnd = 0;
  return [...spans].sort(byPlace).filter((span) => {
    if (span.start < keptEnd) return false;
    keptEnd = span.end;
    return true;
  });
}

const byPlace = (a: Placed, b: Placed): number => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label);

describe('marginalia export and import in other tools\' formats', () => {
  it('exports the astral-character corpus file to each format with every span at its code points', () => {
    const dir = tempDir();
    const source = join(dir, '001.txt');
    copyFileSync(corpusFile('001_'), source);
    const text = readFileSync(source, 'utf8');
    expect(text.length).toBeGreaterThan([...text].length);
    const dbPath = join(dir, 'p.sqlite');
    expect(runCli(['import', source, '--db', dbPath, '--suggest']).status).toBe(0);
    const reference = JSON.parse(runCli(['export', '--db', dbPath, '--format', 'jsonl', '--status', 'all']).stdout.split('\n')[0] as string) as {
      spans: (Placed & { text: string; status: string })[];
    };
    // The recognisers' suggestions are the spans exported below.
    const expected = reference.spans.filter((span) => span.status === 'suggested');
    expect(expected.length).toBeGreaterThan(3);
    for (const span of expected) expect(sliceCp(text, span.start, span.end)).toBe(span.text);
    for (const [format, read] of Object.entries(READERS)) {
      const out = join(dir, `001.${format}`);
      const result = runCli(['export', '--db', dbPath, '--format', format, '--status', 'suggested', '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      const all = expected.map(({ start, end, label }) => ({ start, end, label })).sort(byPlace);
      const wanted = format === 'conll' ? withoutOverlaps(all) : all;
      if (format === 'labelstudio') {
        // Label Studio carries suggestions as predictions.
        const [task] = JSON.parse(readFileSync(out, 'utf8')) as { predictions: { result: { value: Placed & { labels: string[]; text: string } }[] }[] }[];
        const predicted = (task?.predictions[0]?.result ?? []).map(({ value }) => {
          expect(sliceCp(text, value.start, value.end)).toBe(value.text);
          return { start: value.start, end: value.end, label: value.labels[0] as string };
        });
        expect(read(readFileSync(out, 'utf8'), text)).toEqual([]);
        expect(predicted.sort(byPlace), format).toEqual(wanted);
      } else {
        expect(read(readFileSync(out, 'utf8'), text).sort(byPlace), format).toEqual(wanted);
      }
    }
  });

  it('imports each format back through the command line, naming the format or finding it from the content', () => {
    const dir = tempDir();
    const source = join(dir, '001.txt');
    copyFileSync(corpusFile('001_'), source);
    const dbPath = join(dir, 'p.sqlite');
    expect(runCli(['import', source, '--db', dbPath, '--suggest']).status).toBe(0);
    for (const [format, extension] of [['doccano', 'jsonl'], ['spacy', 'jsonl'], ['labelstudio', 'json'], ['webanno', 'jsonld'], ['conll', 'conll']] as const) {
      const out = join(dir, `e-${format}.${extension}`);
      expect(runCli(['export', '--db', dbPath, '--format', format, '--status', 'suggested', '--out', out]).status).toBe(0);
      for (const named of [true, false]) {
        const fresh = join(dir, `${format}-${named}.sqlite`);
        const imported = runCli(['import', out, '--db', fresh, ...(named ? ['--format', format] : [])]);
        expect(imported.status, imported.stderr).toBe(0);
        const again = join(dir, `again-${format}-${named}.${extension}`);
        expect(runCli(['export', '--db', fresh, '--format', format, '--status', 'all', '--out', again]).status).toBe(0);
        const first = readFileSync(out, 'utf8');
        const second = readFileSync(again, 'utf8');
        // doccano and spaCy bring suggestions back as accepted spans, so their exports match once the ids line up.
        expect(second, format).toBe(first);
      }
    }
  });

  it('exports brat to a new folder, refuses a stream, and imports the folder back', () => {
    const dir = tempDir();
    const source = join(dir, '001.txt');
    copyFileSync(corpusFile('001_'), source);
    const text = readFileSync(source, 'utf8');
    const dbPath = join(dir, 'p.sqlite');
    expect(runCli(['import', source, '--db', dbPath, '--suggest']).status).toBe(0);
    const reference = JSON.parse(runCli(['export', '--db', dbPath, '--format', 'jsonl', '--status', 'suggested']).stdout.split('\n')[0] as string) as {
      spans: Placed[];
    };
    const refused = runCli(['export', '--db', dbPath, '--format', 'brat']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--out FOLDER/);
    const out = join(dir, 'brat');
    const exported = runCli(['export', '--db', dbPath, '--format', 'brat', '--status', 'suggested', '--out', out]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(join(out, 'document-1.txt'), 'utf8')).toBe(text);
    const placed = readFileSync(join(out, 'document-1.ann'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [, place, quoted] = line.split('\t');
        const [label, ...offsets] = place!.split(/[ ;]/);
        const start = Number(offsets[0]);
        const end = Number(offsets[offsets.length - 1]);
        expect(offsets).toHaveLength(2); // the recognisers' spans stay on one line
        expect(sliceCp(text, start, end)).toBe(quoted);
        return { start, end, label: label! };
      });
    expect(placed.sort(byPlace)).toEqual(reference.spans.map(({ start, end, label }) => ({ start, end, label })).sort(byPlace));
    expect(runCli(['export', '--db', dbPath, '--format', 'brat', '--out', out]).stderr).toMatch(/already exists/);

    const fresh = join(dir, 'fresh.sqlite');
    const imported = runCli(['import', out, '--db', fresh]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported 1 documents/);
    const again = join(dir, 'again');
    expect(runCli(['export', '--db', fresh, '--format', 'brat', '--out', again]).status).toBe(0);
    expect(readFileSync(join(again, 'document-1.ann'), 'utf8')).toBe(readFileSync(join(out, 'document-1.ann'), 'utf8'));
    expect(readFileSync(join(again, 'annotation.conf'), 'utf8')).toBe(readFileSync(join(out, 'annotation.conf'), 'utf8'));
  });

  it('refuses a brat download in browser mode with a clear 400', async () => {
    const project = createTestProject();
    const staticDir = writeFiles(join(tempDir(), 'static'), { 'index.html': '<!doctype html><title>Marginalia</title>' });
    const server = await startBrowserMode({ db: project.db, dbPath: project.dbPath, port: 0, staticDir });
    try {
      const headers = { cookie: `marginalia_token=${server.token}` };
      const brat = await fetch(`http://127.0.0.1:${server.port}/download/export?format=brat`, { headers });
      expect(brat.status).toBe(400);
      expect(await brat.text()).toMatch(/brat writes a folder/);
      const doccano = await fetch(`http://127.0.0.1:${server.port}/download/export?format=doccano`, { headers });
      expect(doccano.status).toBe(200);
      expect(doccano.headers.get('content-disposition')).toMatch(/filename="marginalia-export\.jsonl"/);
    } finally {
      await server.close();
    }
  });

  it('refuses an unknown format as a usage error', () => {
    const dir = tempDir();
    const result = runCli(['export', '--db', join(dir, 'p.sqlite'), '--format', 'docx']);
    expect(result.status).toBe(2);
  });
});
