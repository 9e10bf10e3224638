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
    // 13 cannot be a month: the date can only be day-first, and is read so in either project.
    expect(found('Posted 13/04/2026 by the desk.', 'DATE', { dateOrder: 'month-first' })).toEqual([['13/04/2026', '2026-04-13']]);
    expect(found('The report, dated 10/25/2024, counted cases.', 'DATE')).toEqual([['10/25/2024', '2024-10-25']]);
    expect(found('Posted 31/31/2026.', 'DATE')).toEqual([]);
  });

  it('reads month pairs and ranges without a year, and a month alone after a word that leads a date', () => {
    expect(found('Cases peak in March and May, and ran from August to September.', 'DATE')).toEqual([
      ['March and May', '--03/--05'],
      ['August to September', '--08/--09'],
    ]);
    expect(found('Measles rose in March, up from February; since December it fell.', 'DATE')).toEqual([
      ['March', '--03'],
      ['February', '--02'],
      ['December', '--12'],
    ]);
    // A month that is a verb or a name is not read without its lead word.
    expect(found('May the clinic stay open? March organisers met April Nguyen.', 'DATE')).toEqual([]);
  });

  it('reads a day and month without a year after a word that leads a date, with a time glued to it', () => {
    expect(found('It closes at 19h on 5/10 and reopens on 7/10.', 'DATE')).toEqual([
      ['19h on 5/10', '--10-05T19:00'],
      ['7/10', '--10-07'],
    ]);
    expect(found('At 23h30 on 12/3/2025 the ward filled.', 'DATE')).toEqual([['23h30 on 12/3/2025', '2025-03-12T23:30']]);
    expect(found('It reopens on 7/10.', 'DATE', { dateOrder: 'month-first' })).toEqual([['7/10', '--07-10']]);
    // A fraction or score is not a date.
    expect(found('Only 3/4 of beds and a 2/3 majority.', 'DATE')).toEqual([]);
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

describe('FIGURE shapes found on text the rules were not written from', () => {
  it('reads measures joined by a hyphen, but not ages', () => {
    expect(found('A 600-bed wing, a 128-slice scanner and 12-hour shifts; a 43-year-old nurse.', 'FIGURE')).toEqual([
      ['600-bed', { value: 600, unit: 'bed' }],
      ['128-slice', { value: 128, unit: 'slice' }],
      ['12-hour', { value: 12, unit: 'hour' }],
    ]);
  });

  it('reads areas written against the number or apart', () => {
    expect(found('It covers 6,700m2, with a garden of 1,200 m² and 3 km2 of fields.', 'FIGURE')).toEqual([
      ['6,700m2', { value: 6700, unit: 'm2' }],
      ['1,200 m²', { value: 1200, unit: 'm²' }],
      ['3 km2', { value: 3, unit: 'km2' }],
    ]);
  });

  it('takes an acronym or a hyphenated term before the counted noun, and "per …" after it', () => {
    expect(surfaces('They screened 17,000 TB patients, bought 40 new X-ray machines and hired 45 more nurses.', 'FIGURE')).toEqual([
      '17,000 TB patients',
      '40 new X-ray machines',
      '45 more nurses',
    ]);
    expect(found('It had 2.5 patients per bed and 21 deaths per 1,000 births.', 'FIGURE')).toEqual([
      ['2.5 patients per bed', { value: 2.5, unit: 'patients per bed' }],
      ['21 deaths per 1,000 births', { value: 21, unit: 'deaths per 1,000 births' }],
    ]);
    // A capitalised word that is neither stays a name: "115 Emergency Central Hospital".
    expect(surfaces('Staff of 115 Emergency Central Hospital came.', 'FIGURE')).toEqual([]);
  });
});

describe('PERSON shapes found on text the rules were not written from', () => {
  it('finds the last part of a name found in full, later in the same text, but not inside other names', () => {
    expect(surfaces('Health Minister Tran Thi Lan visited. Lan said the ward, near Lan Anh Street, would grow.', 'PERSON')).toEqual([
      'Tran Thi Lan',
      'Lan',
    ]);
    expect(surfaces("Dr. Sarah O'Connell spoke. O'Connell called for scanners; Abernathy did not.", 'PERSON')).toEqual([
      "Sarah O'Connell",
      "O'Connell",
    ]);
    // Before the full name, a part is not yet known to be a name.
    expect(surfaces('Lan arrived. Then Tran Thi Lan spoke.', 'PERSON')).toEqual(['Tran Thi Lan']);
  });

  it('ends a name at a full stop that ends the sentence', () => {
    expect(surfaces('So said manager Tran Quoc Bao. Bao thanked the staff.', 'PERSON')).toEqual(['Tran Quoc Bao', 'Bao']);
  });

  it('reads initials as a person after a word that introduces one, and wherever they recur', () => {
    expect(surfaces('A patient, T.V.H., was admitted. Doctors said T.V.H. lost blood; his daughter, N.T.M., stayed.', 'PERSON')).toEqual([
      'T.V.H.',
      'T.V.H.',
      'N.T.M.',
    ]);
    expect(surfaces('Aid from the U.S. and the U.N. arrived; the report by A.B.C. followed.', 'PERSON')).toEqual([]);
  });
});

describe('HOSPITAL shapes found on text the rules were not written from', () => {
  it('keeps the number that belongs to a name', () => {
    expect(surfaces("Riverside Children's Hospital 2 and Riverside Children's Hospital 1 share ambulances.", 'HOSPITAL')).toEqual([
      "Riverside Children's Hospital 2",
      "Riverside Children's Hospital 1",
    ]);
    // A count after the name is not the name's.
    expect(surfaces('At Stonebridge Hospital 40 beds were added.', 'HOSPITAL')).toEqual(['Stonebridge Hospital']);
  });

  it('reads a name before a lower-case "hospital", but not a place, a nationality or a sentence opening', () => {
    expect(surfaces('He was taken to Hilltop hospital. Provincial hospital staff and Vietnamese hospital chiefs met in a Hanoi hospital.', 'HOSPITAL')).toEqual([
      'Hilltop hospital',
    ]);
  });

  it('splits names that share one facility word', () => {
    expect(surfaces('Patients go to Lakeside, Hilltop and Bayside hospitals, or to Seaview and Rosewood hospitals.', 'HOSPITAL')).toEqual([
      'Lakeside',
      'Hilltop',
      'Bayside hospitals',
      'Seaview',
      'Rosewood hospitals',
    ]);
  });

  it('finds the distinctive part of a name found in full, later in the text, but never a place', () => {
    expect(surfaces('Greenfield Oncology Hospital is full. The list at Greenfield is long; Greenfield Road is closed.', 'HOSPITAL')).toEqual([
      'Greenfield Oncology Hospital',
      'Greenfield',
    ]);
    expect(surfaces('Hanoi Heart Hospital opened. Hanoi is hot.', 'HOSPITAL')).toEqual(['Hanoi Heart Hospital']);
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
