import { describe, expect, it } from 'vitest';
import { spansInDocument } from '../../src/main/store/spans.js';
import { exportText, importInto, taggedProject } from './formats-support.js';

const TEXT = 'Dr. Mai Tran 🙈 works at Riverside General Hospital.\r\nShe joined on 3 May 𝄞 this year!';

describe('CoNLL / IOB2', () => {
  it('writes a token a line with B-/I-/O tags, sentences apart, -DOCSTART- before each document', async () => {
    const { db } = taggedProject(
      [TEXT, 'Plain.'],
      [
        { phrase: 'Mai Tran', label: 'PERSON' },
        { phrase: 'Riverside General Hospital', label: 'HOSPITAL' },
        { phrase: '3 May', label: 'DATE' },
      ],
    );
    const { text, report } = await exportText(db, { format: 'conll' });
    expect(report).toMatchObject({ documents: 2, spans: 3, leftOut: [] });
    expect(text).toBe(
      [
        '-DOCSTART- -X- -X- O',
        '',
        'Dr\tO',
        '.\tO',
        '',
        'Mai\tB-PERSON',
        'Tran\tI-PERSON',
        '🙈\tO',
        'works\tO',
        'at\tO',
        'Riverside\tB-HOSPITAL',
        'General\tI-HOSPITAL',
        'Hospital\tI-HOSPITAL',
        '.\tO',
        '',
        'She\tO',
        'joined\tO',
        'on\tO',
        '3\tB-DATE',
        'May\tI-DATE',
        '𝄞\tO',
        'this\tO',
        'year\tO',
        '!\tO',
        '',
        '-DOCSTART- -X- -X- O',
        '',
        'Plain\tO',
        '.\tO',
        '',
        '',
      ].join('\n'),
    );
  });

  it('keeps a span in one sentence even across a full stop', async () => {
    const { db } = taggedProject(['Call Dr. Mai now.'], [{ phrase: 'Dr. Mai', label: 'PERSON' }]);
    const { text } = await exportText(db, { format: 'conll' });
    expect(text).toBe('-DOCSTART- -X- -X- O\n\nCall\tO\nDr\tB-PERSON\n.\tI-PERSON\nMai\tI-PERSON\nnow\tO\n.\tO\n\n');
  });

  it('keeps the earlier, longer span where spans overlap, and counts the others', async () => {
    const { db } = taggedProject(
      ['Riverside General Hospital staff'],
      [
        { phrase: 'Riverside General Hospital', label: 'HOSPITAL' },
        { phrase: 'Riverside', label: 'PERSON' },
        { phrase: 'Hospital staff', label: 'FIGURE' },
      ],
    );
    const { text, report } = await exportText(db, { format: 'conll' });
    expect(report.leftOut).toEqual([{ reason: 'overlapping an earlier or longer span (IOB gives each token one tag)', spans: 2 }]);
    expect(report.spans).toBe(1);
    expect(text).toContain('Riverside\tB-HOSPITAL\nGeneral\tI-HOSPITAL\nHospital\tI-HOSPITAL\nstaff\tO\n');
  });

  it('round-trips through a fresh project: the second export is identical', async () => {
    const { db } = taggedProject(
      [TEXT],
      [
        { phrase: 'Mai Tran', label: 'PERSON' },
        { phrase: 'Riverside General Hospital', label: 'HOSPITAL' },
        { phrase: '3 May', label: 'DATE' },
      ],
    );
    const first = await exportText(db, { format: 'conll' });
    const { db: fresh, report } = await importInto('dataset.conll', first.text);
    expect(report.rejected).toEqual([]);
    expect((await exportText(fresh, { format: 'conll' })).text).toBe(first.text);
  });

  it('imports CoNLL-2003 as its documentation lays it out, rebuilding the text with single spaces', async () => {
    const file = [
      '-DOCSTART- -X- -X- O',
      '',
      'Nurse NN B-NP B-PERSON',
      'Olu NNP I-NP I-PERSON',
      'left VBD B-VP O',
      'Lakeview NNP B-NP B-HOSPITAL',
      'Hospital NNP I-NP I-HOSPITAL',
      '. . O O',
      '',
      'Ward NN B-NP I-HOSPITAL',
      '7 CD I-NP X-FIGURE',
      '',
      '-DOCSTART- -X- -X- O',
      '',
      '🙈 SYM O O',
      'Kemi NNP B-NP B-PERSON',
      '',
    ].join('\n');
    const { db, report, path } = await importInto('train.txt', file, { format: 'conll' });
    expect(report.documentsImported).toBe(2);
    expect(report.rejected).toEqual([{ path, line: 11, reason: 'tag "X-FIGURE" is not O, B-LABEL or I-LABEL; the token is read as O' }]);
    const { text } = await exportText(db, { format: 'jsonl' });
    const [first, second] = text.trim().split('\n').map((line) => JSON.parse(line) as { text: string; spans: { start: number; end: number; label: string; text: string }[] });
    expect(first?.text).toBe('Nurse Olu left Lakeview Hospital .\nWard 7');
    expect(first?.spans.map((span) => [span.text, span.label])).toEqual([
      ['Nurse Olu', 'PERSON'],
      ['Lakeview Hospital', 'HOSPITAL'],
      ['Ward', 'HOSPITAL'],
    ]);
    expect(second?.text).toBe('🙈 Kemi');
    expect(spansInDocument(db, 2).map((span) => [span.startCp, span.endCp])).toEqual([[2, 6]]);
  });
});
