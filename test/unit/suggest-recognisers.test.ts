import { describe, expect, it } from 'vitest';
import { recogniseText } from '../../src/main/suggest/recognise.js';
import type { Candidate, RecogniseOptions } from '../../src/main/suggest/candidate.js';
import { sliceCp } from '../../src/shared/offsets.js';

/** The proposals of one label as [surface, value] pairs, in reading order. */
function found(text: string, label: string, options: RecogniseOptions = {}): [string, unknown][] {
  return recogniseText(text, options)
    .filter((candidate) => candidate.label === label)
    .map((candidate) => [sliceCp(text, candidate.startCp, candidate.endCp), candidate.value]);
}

function surfaces(text: string, label: string, options: RecogniseOptions = {}): string[] {
  return found(text, label, options).map(([surface]) => surface);
}

describe('DATE', () => {
  it('reads numeric dates day-first, with a time when there is one', () => {
    expect(found('Posted 03/04/2026 17:45 by the desk.', 'DATE')).toEqual([['03/04/2026 17:45', '2026-04-03T17:45']]);
    expect(found('Due 28.02.2027.', 'DATE')).toEqual([['28.02.2027', '2027-02-28']]);
  });

  it('reads them month-first when the project says so', () => {
    expect(found('Posted 03/04/2026 by the desk.', 'DATE', { dateOrder: 'month-first' })).toEqual([['03/04/2026', '2026-03-04']]);
    // 13 cannot be a month: not a date in that order.
    expect(found('Posted 13/04/2026 by the desk.', 'DATE', { dateOrder: 'month-first' })).toEqual([]);
  });

  it('normalises month names, years, ranges and periods', () => {
    const text =
      'The clinic opened on March 9, 2026, closed on April 2, ran in 2019 and over 2016-2020, ' +
      'was busy in May and June 2024, in the first three months of 2023, and from June 1 to July 15, 2026.';
    expect(found(text, 'DATE')).toEqual([
      ['March 9, 2026', '2026-03-09'],
      ['April 2', '--04-02'],
      ['2019', '2019'],
      ['2016-2020', '2016/2020'],
      ['May and June 2024', '2024-05/2024-06'],
      ['first three months of 2023', '2023-01/2023-03'],
      ['June 1 to July 15, 2026', '2026-06-01/2026-07-15'],
    ]);
  });

  it('reads "between … and …" as one interval', () => {
    expect(found('Visits ran between May 4 and June 2, 2026.', 'DATE')).toEqual([['May 4 and June 2, 2026', '2026-05-04/2026-06-02']]);
  });

  it('leaves numbers that are not dates alone', () => {
    expect(surfaces('Decree No. 2019 covers 2,024 beds and 2019% is impossible.', 'DATE')).toEqual([]);
  });
});

describe('FIGURE', () => {
  it('takes the counted noun or unit with the number', () => {
    expect(found('The province runs 2,340 clinics and 12 mobile dental vans.', 'FIGURE')).toEqual([
      ['2,340 clinics', { value: 2340, unit: 'clinics' }],
      ['12 mobile dental vans', { value: 12, unit: 'vans' }],
    ]);
    expect(found('There were 21 per 1,000 births.', 'FIGURE')).toEqual([['21 per 1,000 births', { value: 21, unit: 'per 1,000 births' }]]);
  });

  it('reads percentages, ranges of them, money, scales and spelled-out counts', () => {
    const text = 'Survival rose by 15 and 30%, a grant of 2.5 billion VND paid for 3.2 million doses, seven ambulances and $40 million.';
    expect(found(text, 'FIGURE')).toEqual([
      ['15 and 30%', { low: 15, high: 30, unit: 'percent' }],
      ['2.5 billion VND', { value: 2_500_000_000, unit: 'VND' }],
      ['3.2 million doses', { value: 3_200_000, unit: 'doses' }],
      ['seven ambulances', { value: 7, unit: 'ambulances' }],
      ['$40 million', { value: 40_000_000, unit: 'USD' }],
    ]);
  });

  it('does not read a year and a percentage as a range, nor count the numbers of a date', () => {
    expect(found('It fell from 2018 to 6.5% by now.', 'FIGURE')).toEqual([['6.5%', { value: 6.5, unit: 'percent' }]]);
    expect(surfaces('Filed 12/03/2026 for the first four months of 2026.', 'FIGURE', { labels: ['FIGURE'] })).toEqual([]);
  });

  it('leaves ages, ordinals, times, years and numbers inside names alone', () => {
    const text =
      'A 43-year-old nurse, aged 43, joined the 5th ward at 07:30 in 2021; ' +
      '115 Emergency Central Hospital, COVID-19 and Circular 22 were on Ward 9 of Block 3.';
    expect(surfaces(text, 'FIGURE')).toEqual([]);
    expect(surfaces(text, 'HOSPITAL')).toEqual(['115 Emergency Central Hospital']);
  });
});

describe('PERSON', () => {
  it('finds Vietnamese and Western names without their titles', () => {
    const text =
      'Deputy Minister of Health Tran Thi Mai Anh met Prof.Dr. Maria K. Lindqvist and Dr Hoang Van Binh; ' +
      'Director Anna Berger thanked them.';
    expect(surfaces(text, 'PERSON')).toEqual(['Tran Thi Mai Anh', 'Maria K. Lindqvist', 'Hoang Van Binh', 'Anna Berger']);
    expect(found(text, 'PERSON').every(([, value]) => value === null)).toBe(true);
  });

  it('keeps given names that are also words of places ("Nam", "Viet")', () => {
    expect(surfaces('Surgeons Tran Quoc Viet and Do Hoang Nam operated.', 'PERSON')).toEqual(['Tran Quoc Viet', 'Do Hoang Nam']);
  });

  it('takes capitalised words after a title as a name even when the given name is not known', () => {
    expect(surfaces('Representative Okonkwo Adeyemi and Dr Ilse Vandermeer spoke.', 'PERSON')).toEqual(['Okonkwo Adeyemi', 'Ilse Vandermeer']);
  });

  it('does not read places as people', () => {
    expect(surfaces('Patients came from Ho Chi Minh City and Ben Tre to Dong Nai province.', 'PERSON')).toEqual([]);
  });
});

describe('HOSPITAL', () => {
  it('finds facility names but not departments, and drops a leading "the"', () => {
    const text =
      'Doctors from the Lakeside General Hospital and the Oncology Center of Riverside Children’s Hospital visited ' +
      'Tan Phu Medical Center and Hill Road Clinic; the hospital’s Department of Surgery helped.';
    expect(surfaces(text, 'HOSPITAL')).toEqual([
      'Lakeside General Hospital',
      'Riverside Children’s Hospital',
      'Tan Phu Medical Center',
      'Hill Road Clinic',
    ]);
  });

  it('keeps a person before "of" out of the hospital name, but joins "University of … Hospital"', () => {
    const text = 'Dr Vu Minh Chau of Lakeside Hospital met staff of Eastern University of Medicine Hospital.';
    expect(surfaces(text, 'PERSON')).toEqual(['Vu Minh Chau']);
    expect(surfaces(text, 'HOSPITAL')).toEqual(['Lakeside Hospital', 'Eastern University of Medicine Hospital']);
  });

  it('tags an acronym the text defines for a facility, wherever it is used', () => {
    const text = 'The National Institute of Cardiology and Heart Surgery (NICHS) said NICHS would grow.';
    expect(recogniseText(text).map((c) => [sliceCp(text, c.startCp, c.endCp), c.recogniser])).toEqual([
      ['National Institute of Cardiology and Heart Surgery', 'hospital'],
      ['NICHS', 'acronym'],
      ['NICHS', 'acronym'],
    ]);
  });
});

describe('recogniseText', () => {
  it('gives code point offsets after astral characters and keeps CRLF in the count', () => {
    const text = '🙈🙈 Hill Road Clinic\r\n📈 had 35 beds';
    const candidates = recogniseText(text);
    expect(candidates.map((c) => [c.label, c.startCp, c.endCp])).toEqual([
      ['HOSPITAL', 3, 19],
      ['FIGURE', 27, 34],
    ]);
    expect(candidates.map((c) => sliceCp(text, c.startCp, c.endCp))).toEqual(['Hill Road Clinic', '35 beds']);
  });

  it('proposes nothing inside skip ranges', () => {
    const text = '🙈 Buy now 50 tickets! Then 40 beds at Hill Road Clinic.';
    const all = recogniseText(text);
    expect(all.map((c) => sliceCp(text, c.startCp, c.endCp))).toEqual(['50 tickets', '40 beds', 'Hill Road Clinic']);
    const kept = recogniseText(text, { skip: [{ startCp: 0, endCp: 21 }] });
    expect(kept.map((c) => sliceCp(text, c.startCp, c.endCp))).toEqual(['40 beds', 'Hill Road Clinic']);
  });

  it('keeps to the labels asked for', () => {
    const text = 'On May 3, 2026 Hill Road Clinic had 40 beds.';
    expect(recogniseText(text, { labels: ['FIGURE'] }).map((c) => c.label)).toEqual(['FIGURE']);
  });

  it('proposes learnt forms as whole words, acronyms only as written, for any label', () => {
    const text = 'Ward A of St Brigid joined BVX; who knows? St Brigid’s and the bvx team.';
    const options: RecogniseOptions = {
      gazetteer: [
        { label: 'HOSPITAL', surface: 'St Brigid' },
        { label: 'HOSPITAL', surface: 'BVX' },
        { label: 'PERSON', surface: 'who' },
      ],
    };
    const candidates: Candidate[] = recogniseText(text, options);
    expect(candidates.map((c) => [sliceCp(text, c.startCp, c.endCp), c.label, c.recogniser])).toEqual([
      ['St Brigid', 'HOSPITAL', 'gazetteer'],
      ['BVX', 'HOSPITAL', 'gazetteer'],
      ['who', 'PERSON', 'gazetteer'],
      ['St Brigid', 'HOSPITAL', 'gazetteer'],
    ]);
  });

  it('never returns overlapping proposals', () => {
    const text = 'In the first three months of 2023, 115 Riverside Central Hospital treated 3.9 million people.';
    const candidates = recogniseText(text);
    for (let i = 1; i < candidates.length; i++) {
      expect((candidates[i] as Candidate).startCp).toBeGreaterThanOrEqual((candidates[i - 1] as Candidate).endCp);
    }
    expect(candidates.map((c) => sliceCp(text, c.startCp, c.endCp))).toEqual([
      'first three months of 2023',
      '115 Riverside Central Hospital',
      '3.9 million people',
    ]);
  });
});
