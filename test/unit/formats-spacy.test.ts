import { describe, expect, it } from 'vitest';
import { sentences, tokenize } from '../../src/main/export/formats/tokenize.js';
import { jsonLineItems, LINE_READERS, withoutTokens } from '../../src/main/import/readers/jsonl.js';
import { spansInDocument } from '../../src/main/store/spans.js';
import { ASTRAL_TEXT, exportText, expectRoundTrip, findCp, importInto, taggedProject } from './formats-support.js';

interface SpacyLine {
  text: string;
  meta: Record<string, unknown>;
  tokens: { text: string; start: number; end: number; id: number }[];
  spans: { start: number; end: number; label: string; token_start: number; token_end: number }[];
}

const lines = (text: string): SpacyLine[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SpacyLine);

describe('tokenize', () => {
  it('keeps words, numbers with separators and joined words whole, and makes each punctuation mark a token', () => {
    const text = 'Covid-19 cost 1,250.50 dollars; don’t panic!';
    expect(tokenize(text).map((token) => token.text)).toEqual(['Covid-19', 'cost', '1,250.50', 'dollars', ';', 'don’t', 'panic', '!']);
  });

  it('counts code points, never makes white space a token, and splits at the given breaks', () => {
    const text = '🙈 ab\r\ncd𝄞';
    expect(tokenize(text, new Set([7]))).toEqual([
      { text: '🙈', start: 0, end: 1, id: 0 },
      { text: 'ab', start: 2, end: 4, id: 1 },
      { text: 'c', start: 6, end: 7, id: 2 },
      { text: 'd', start: 7, end: 8, id: 3 },
      { text: '𝄞', start: 8, end: 9, id: 4 },
    ]);
    expect(tokenize('ab cd', new Set([4])).map((token) => token.text)).toEqual(['ab', 'c', 'd']);
  });

  it('ends sentences after . ! ? and at line breaks', () => {
    const text = 'One. Two!\nThree four';
    expect(sentences(text, tokenize(text)).map((sentence) => sentence.map((token) => token.text).join(' '))).toEqual(['One .', 'Two !', 'Three four']);
  });
});

describe('spaCy / Prodigy JSONL', () => {
  it('writes code-point spans on token boundaries, token_end inclusive', async () => {
    const { db } = taggedProject();
    const { text, report } = await exportText(db, { format: 'spacy' });
    expect(report).toMatchObject({ documents: 2, spans: 4, leftOut: [] });
    const [first, second] = lines(text);
    expect(first?.meta).toEqual({ site: 'example', title: 'note 1' });
    const chars = [...ASTRAL_TEXT];
    for (const token of first?.tokens ?? []) expect(chars.slice(token.start, token.end).join('')).toBe(token.text);
    const hospital = first?.spans[1];
    expect(hospital).toMatchObject({ ...findCp(ASTRAL_TEXT, 'Riverside General Hospital'), label: 'HOSPITAL' });
    const tokens = first?.tokens ?? [];
    expect(tokens[hospital!.token_start]?.text).toBe('Riverside');
    expect(tokens[hospital!.token_end]?.text).toBe('Hospital');
    expect(tokens[hospital!.token_start]?.start).toBe(hospital?.start);
    expect(tokens[hospital!.token_end]?.end).toBe(hospital?.end);
    expect(tokens.some((token) => token.text === '🙈')).toBe(true);
    expect(second?.spans).toEqual([]);
  });

  it('splits a token where a span starts or ends inside it, rather than moving the span', async () => {
    const { db } = taggedProject(['Ward7B reopened.'], [{ phrase: 'Ward', label: 'HOSPITAL' }]);
    const [line] = lines((await exportText(db, { format: 'spacy' })).text);
    expect(line?.tokens.map((token) => token.text)).toEqual(['Ward', '7B', 'reopened', '.']);
    expect(line?.spans).toEqual([{ start: 0, end: 4, label: 'HOSPITAL', token_start: 0, token_end: 0 }]);
  });

  it('counts a span holding only white space as left out', async () => {
    const { db } = taggedProject(['a  b'], [{ phrase: '  ', label: 'FIGURE' }]);
    const { report, text } = await exportText(db, { format: 'spacy' });
    expect(report.leftOut).toEqual([{ reason: 'spans holding only white space (no token)', spans: 1 }]);
    expect(report.spans).toBe(0);
    expect(lines(text)[0]?.spans).toEqual([]);
  });

  it('round-trips through a fresh project: the second export is identical', async () => {
    await expectRoundTrip({ format: 'spacy', statuses: ['accepted', 'suggested', 'rejected'] }, 'spacy.jsonl');
  });

  it('imports an example written as Prodigy documents it; a rejected answer makes rejected spans', async () => {
    const text = 'Ask Dr. Ana 🙂 Silva at Hilltop Hospital.';
    const start = findCp(text, 'Hilltop Hospital').start;
    const file = [
      JSON.stringify({
        text,
        tokens: [],
        spans: [{ start, end: start + 16, label: 'HOSPITAL', token_start: 7, token_end: 8 }],
        meta: { source: 'forum' },
        _input_hash: 12,
        answer: 'accept',
      }),
      JSON.stringify({ text: 'Ana Silva, not a place.', tokens: [], spans: [{ start: 0, end: 9, label: 'HOSPITAL' }], answer: 'reject' }),
      JSON.stringify({ text: 'Broken', tokens: [], spans: [{ start: 0, end: 3, label: 'HOSPITAL', text: 'Bro!' }] }),
    ].join('\n');
    const { db, report, path } = await importInto('prodigy.jsonl', file);
    expect(report.documentsImported).toBe(2);
    expect(report.rejected).toEqual([{ path, line: 3, reason: 'span 1: text "Bro!" differs from the document\'s "Bro" at 0–3 (code points)' }]);
    expect(spansInDocument(db, 1).map((span) => [span.startCp, span.endCp, span.status])).toEqual([[start, start + 16, 'accepted']]);
    expect(spansInDocument(db, 2).map((span) => span.status)).toEqual(['rejected']);
    const exported = JSON.parse((await exportText(db, { format: 'jsonl' })).text.split('\n')[0] as string) as { meta: unknown };
    expect(exported.meta).toEqual({ _input_hash: 12, source: 'forum' });
  });
});

describe('reading spaCy lines without their tokens', () => {
  const token = (text: string, start: number, id: number): string => JSON.stringify({ text, start, end: start + [...text].length, id });
  const ours = `{"text":"Hi 🙈 \\"Bach\\" Mai","meta":{"title":"t","site":"x"},"tokens":[${[token('Hi', 0, 0), token('🙈', 3, 1), token('"', 5, 2), token('Bach', 6, 3), token('"', 10, 4), token('Mai', 12, 5)].join(',')}],"spans":[{"start":6,"end":10,"label":"HOSPITAL","token_start":3,"token_end":3}]}`;
  const prodigy = `{"text":"Cho Ray","tokens":[{"text":"Cho","start":0,"end":3,"id":0,"ws":true},{"text":"Ray","start":4,"end":7,"id":1,"ws":false}],"spans":[{"start":0,"end":7,"label":"HOSPITAL"}],"answer":"reject","_input_hash":12}`;
  // Token-shaped, but inside meta: not spaCy's token list, and kept.
  const nested = `{"text":"x y","meta":{"a":1,"tokens":[${token('x', 0, 0)}]},"spans":[]}`;
  const badEscape = `{"text":"a b","tokens":[{"text":"a\\q","start":0,"end":1,"id":0}],"spans":[]}`;
  const leadingZero = `{"text":"a b","tokens":[{"text":"a","start":00,"end":1,"id":0}],"spans":[]}`;

  it('skips parsing the token list only where it is spaCy\'s, whole and valid', () => {
    expect(withoutTokens(ours)).toEqual({ ...(JSON.parse(ours) as object), tokens: [] });
    expect(withoutTokens(prodigy)).toEqual({ ...(JSON.parse(prodigy) as object), tokens: [] });
    for (const line of [nested, badEscape, leadingZero, '{"text":"a","spans":[]}', `${ours.slice(0, -1)}`]) expect(withoutTokens(line)).toBeUndefined();
  });

  it('gives the records JSON.parse gives, and refuses the lines JSON.parse refuses', () => {
    const lines = [ours, prodigy, nested, badEscape, leadingZero];
    for (const [name, reader] of [
      ['jsonl', LINE_READERS.jsonl],
      ['spacy', LINE_READERS.spacy],
    ] as const) {
      const items = [...jsonLineItems(lines.map((text, i) => ({ text, number: i + 1 })), 'f.jsonl', reader)];
      const reference = lines.map((line, i) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          return 'invalid JSON';
        }
        const record = reader(value, 'f.jsonl', i + 1);
        return record.ok ? record.value : record.reason;
      });
      const got = items.map((item) => (item.kind === 'record' ? item : item.kind === 'problem' && item.reason.startsWith('invalid JSON') ? 'invalid JSON' : item));
      expect(got, name).toEqual(reference);
    }
    const [first, second, third] = [...jsonLineItems(lines.slice(0, 3).map((text, i) => ({ text, number: i + 1 })), 'f.jsonl', LINE_READERS.jsonl)];
    expect(first).toMatchObject({ kind: 'record', text: 'Hi 🙈 "Bach" Mai', spans: [{ startCp: 6, endCp: 10, label: 'HOSPITAL' }] });
    expect(second).toMatchObject({ kind: 'record', meta: { _input_hash: 12 }, spans: [{ startCp: 0, endCp: 7, status: 'rejected' }] });
    expect(third).toMatchObject({ kind: 'record', meta: { a: 1, tokens: [{ text: 'x', start: 0, end: 1, id: 0 }] } });
  });
});
