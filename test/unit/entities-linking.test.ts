import { describe, expect, it } from 'vitest';
import { ENTITY_LINK_REASONS } from '../../src/shared/model.js';
import { OffsetMap } from '../../src/shared/offsets.js';
import { findAcronymDefinitions, longFormFor } from '../../src/main/entities/acronyms.js';
import { nameKeys } from '../../src/main/entities/name-keys.js';
import { linkSuggestions, type LinkSuggestion } from '../../src/main/entities/suggestions.js';
import { createEntity, rejectSuggestions } from '../../src/main/annotate/entity-edits.js';
import type { Db } from '../../src/main/store/connection.js';
import { addLabel } from '../../src/main/store/labels.js';
import { createTestProject } from '../helpers/project.js';
import { documentTagger } from '../helpers/tagging.js';

/** A project where each call to `doc` adds a document and `tag` tags a phrase in it (by code points). */
function setup() {
  const { db } = createTestProject();
  const { doc, tag } = documentTagger(db);
  let day = 0;
  /** One document per phrase, each tagged: the quickest way to a set of surface forms. */
  const mentions = (phrases: readonly string[], label = 'HOSPITAL'): number[] =>
    phrases.map((phrase) => tag(doc(`Volunteers met at ${phrase} on day ${++day}.`), phrase, label));
  return { db, doc, tag, mentions };
}

function only(db: Db, reason?: string): LinkSuggestion {
  const found = linkSuggestions(db).filter((suggestion) => reason === undefined || suggestion.reason === reason);
  expect(found).toHaveLength(1);
  return found[0] as LinkSuggestion;
}

describe('same form', () => {
  it('groups names that differ in case, spacing, punctuation, quotes, "the" and a possessive', () => {
    const { db, mentions } = setup();
    const ids = mentions(['Bach Mai Hospital', 'the Bach Mai  hospital', 'Bach Mai Hospital’s', 'Bach Mai Hospital', '"Bach-Mai" Hospital']);
    const suggestion = only(db, 'same_form');
    expect(suggestion).toMatchObject({ label: 'HOSPITAL', entityId: null, name: 'Bach Mai Hospital' });
    // The hyphenated form is a spelling variant (hyphen or space), not the same form.
    expect(suggestion.spanIds).toEqual(ids.slice(0, 4));
    expect(suggestion.surfaces[0]).toBe('Bach Mai Hospital');
    expect(suggestion.explanation).toMatch(/^same name up to /);
    expect(suggestion.explanation).toContain('"the"');
    expect(suggestion.explanation).toContain("possessive 's");
    expect(suggestion.explanation).toContain('case');
    expect(suggestion.key).toBe('same_form:HOSPITAL:bachmaihospital');
    const variant = only(db, 'spelling_variant');
    expect(variant.spanIds).toEqual(ids);
    expect(variant.explanation).toBe('same name with a hyphen or a space: "Bach Mai Hospital" / ""Bach-Mai" Hospital"');
  });

  it('makes no suggestion for a single mention, and never mixes labels', () => {
    const { db, mentions } = setup();
    mentions(['Hue Central Hospital']);
    mentions(['Hue Central Hospital'], 'PERSON');
    expect(linkSuggestions(db)).toEqual([]);
    mentions(['Hue Central Hospital']);
    const suggestion = only(db);
    expect(suggestion.label).toBe('HOSPITAL');
    expect(suggestion.spanIds).toHaveLength(2);
    expect(suggestion.explanation).toBe('same name: "Hue Central Hospital", 2 mentions');
  });
});

describe('spelling variants', () => {
  const families: readonly [family: string, british: string, american: string, pair: string][] = [
    ['ae (gynaecology)', 'Hanoi Obstetrics and Gynaecology Hospital', 'Hanoi Obstetrics and Gynecology Hospital', 'gynaecology/gynecology'],
    ['ae (haematology)', 'Thai Binh Haematology Department', 'Thai Binh Hematology Department', 'haematology/hematology'],
    ['ae (paediatric)', 'Can Tho Paediatric Hospital', 'Can Tho Pediatric Hospital', 'paediatric/pediatric'],
    ['oe (oesophagus)', 'Quang Ninh Oesophagus Clinic', 'Quang Ninh Esophagus Clinic', 'oesophagus/esophagus'],
    ['-tre/-ter', 'Hue Cancer Centre', 'Hue Cancer Center', 'centre/center'],
    ['-our/-or', 'Nghe An Tumour Hospital', 'Nghe An Tumor Hospital', 'tumour/tumor'],
    ['-ise/-ize', 'Long An Immunisation Station', 'Long An Immunization Station', 'immunisation/immunization'],
    ['irregular', 'Ben Tre Blood Programme Office', 'Ben Tre Blood Program Office', 'programme/program'],
  ];

  it.each(families)('links British and American spellings: %s', (_family, british, american, pair) => {
    const { db, mentions } = setup();
    const ids = mentions([british, british, american]);
    const suggestion = only(db, 'spelling_variant');
    expect(suggestion).toMatchObject({ entityId: null, name: british });
    expect(suggestion.spanIds).toEqual(ids);
    expect(suggestion.surfaces).toEqual([british, american]);
    expect(suggestion.explanation).toBe(`same name in British and American spelling (${pair}): "${british}" / "${american}"`);
    // The two British mentions also make a same-form suggestion of their own.
    expect(only(db, 'same_form').spanIds).toEqual(ids.slice(0, 2));
  });

  it('leaves names that only look alike apart', () => {
    const { db, mentions } = setup();
    mentions(['Four Seasons Clinic', 'Fours Seasons Clinic', 'Tour Clinic', 'Tor Clinic', 'Michael Clinic', 'Michel Clinic']);
    expect(linkSuggestions(db)).toEqual([]);
  });

  it('links Vietnamese names with and without diacritics, Đ included', () => {
    const { db, mentions } = setup();
    const hospital = mentions(['Bệnh viện Bạch Mai', 'Benh vien Bach Mai']);
    const people = mentions(['Nguyễn Thị Đào', 'Nguyen Thi Dao', 'Nguyễn Thị Đào'], 'PERSON');
    const found = linkSuggestions(db).filter((s) => s.reason === 'spelling_variant');
    const byLabel = new Map(found.map((s) => [s.label, s]));
    expect(byLabel.get('HOSPITAL')?.spanIds).toEqual(hospital);
    expect(byLabel.get('HOSPITAL')?.explanation).toBe('same name with and without diacritics: "Bệnh viện Bạch Mai" / "Benh vien Bach Mai"');
    expect(byLabel.get('PERSON')).toMatchObject({ name: 'Nguyễn Thị Đào', spanIds: people });
    expect(byLabel.get('PERSON')?.explanation).toContain('with and without diacritics');
  });

  it('treats decomposed and composed Vietnamese letters as the same form', () => {
    const { db, mentions } = setup();
    const composed = 'Bệnh viện Chợ Rẫy';
    mentions([composed, composed.normalize('NFD')]);
    expect(only(db).reason).toBe('same_form');
  });

  it('links names written with a hyphen, a space or as one word', () => {
    const { db, mentions } = setup();
    const dental = mentions(['Odonto-Stomatology Hospital', 'Odonto Stomatology Hospital']);
    const heart = mentions(['Ha Noi Heart Hospital', 'Hanoi Heart Hospital']);
    const found = linkSuggestions(db);
    expect(found.map((s) => s.reason)).toEqual(['spelling_variant', 'spelling_variant']);
    const dentalSuggestion = found.find((s) => s.spanIds[0] === dental[0]);
    expect(dentalSuggestion?.spanIds).toEqual(dental);
    expect(dentalSuggestion?.explanation).toBe('same name with a hyphen or a space: "Odonto-Stomatology Hospital" / "Odonto Stomatology Hospital"');
    const heartSuggestion = found.find((s) => s.spanIds[0] === heart[0]);
    expect(heartSuggestion?.explanation).toContain('written as one word or apart');
  });

  it('links Centre and Center inside a longer name', () => {
    const { db, mentions } = setup();
    const ids = mentions(['Da Nang Centre for Disease Control', 'Da Nang Center for Disease Control']);
    expect(only(db)).toMatchObject({ reason: 'spelling_variant', spanIds: ids });
    expect(only(db).explanation).toContain('centre/center');
  });
});

describe('acronyms', () => {
  const DEFINING =
    '🩸🙈 Donors queued outside the National Institute of Haematology and Blood Transfusion (NIHBT) before dawn. ' +
    'By noon NIHBT staff had taken 400 units.';

  it('finds definitions in both orders, and not a parenthesis that only starts like one', () => {
    expect(findAcronymDefinitions(DEFINING)).toEqual([
      { acronym: 'NIHBT', key: 'nihbt', longForm: 'National Institute of Haematology and Blood Transfusion' },
    ]);
    expect(findAcronymDefinitions('Patients from the VNHI (Vietnam National Heart Institute) were moved.')).toEqual([
      { acronym: 'VNHI', key: 'vnhi', longForm: 'Vietnam National Heart Institute' },
    ]);
    expect(findAcronymDefinitions('The Ministry of Health (MoH) agreed.')[0]?.longForm).toBe('Ministry of Health');
    expect(findAcronymDefinitions('Staff of WHO (in Geneva and Hanoi) said so. A ward (ICU) opened.')).toEqual([]);
    expect(longFormFor('BVBM', 'patients of Bệnh viện Bạch Mai')).toBe('Bệnh viện Bạch Mai');
  });

  it('links an acronym defined in the text to its long form, past astral characters, and elsewhere when unambiguous', () => {
    const { db, doc, tag } = setup();
    const defining = doc(DEFINING, 'Blood drive');
    const longForm = tag(defining, 'National Institute of Haematology and Blood Transfusion');
    const shortHere = tag(defining, 'NIHBT', 'HOSPITAL', 1);
    const elsewhere = doc('Later that week NIHBT asked for more O-negative donors.', 'Appeal');
    const shortElsewhere = tag(elsewhere, 'NIHBT');

    const suggestion = only(db, 'acronym');
    expect(suggestion).toMatchObject({ entityId: null, name: 'National Institute of Haematology and Blood Transfusion', label: 'HOSPITAL' });
    expect(suggestion.spanIds).toEqual([longForm, shortHere, shortElsewhere]);
    expect(suggestion.surfaces).toEqual(['NIHBT', 'National Institute of Haematology and Blood Transfusion']);
    expect(suggestion.explanation).toBe('acronym: "NIHBT" is defined as "National Institute of Haematology and Blood Transfusion" in "Blood drive"');
    expect(suggestion.key).toBe('acronym:HOSPITAL:nationalinstituteofhematologyandbloodtransfusion');

    // The tagged span really is "NIHBT": offsets are code points, past two emoji.
    const offsets = new OffsetMap(DEFINING);
    const row = db.prepare('SELECT start_cp, end_cp FROM spans WHERE id = ?').get(shortHere) as { start_cp: number; end_cp: number };
    expect(offsets.sliceCp(row.start_cp, row.end_cp)).toBe('NIHBT');
    expect(row.start_cp).toBe(DEFINING.indexOf('NIHBT', DEFINING.indexOf('NIHBT') + 1) - 2);
  });

  it('names the new entity after the long form when only the acronym was tagged', () => {
    const { db, doc, tag } = setup();
    const id = doc('Patients from the VNHI (Vietnam National Heart Institute) were moved; VNHI said beds were full.');
    const span = tag(id, 'VNHI', 'HOSPITAL', 1);
    expect(only(db)).toMatchObject({ reason: 'acronym', name: 'Vietnam National Heart Institute', spanIds: [span] });
  });

  it('does not carry an acronym across documents that define it differently', () => {
    const { db, doc, tag } = setup();
    const first = doc('Nurses from the Central Lung Hospital (CLH) joined.');
    const second = doc('Doctors at the City Lung Hospital (CLH) agreed.');
    const third = doc('CLH was closed on Monday.');
    const inFirst = [tag(first, 'Central Lung Hospital'), tag(first, 'CLH')];
    tag(second, 'City Lung Hospital');
    tag(third, 'CLH');
    const acronym = only(db, 'acronym');
    expect(acronym.spanIds).toEqual(inFirst);
    expect(acronym.name).toBe('Central Lung Hospital');
    // The CLH of the third document belongs to neither.
    expect(linkSuggestions(db).flatMap((s) => s.spanIds)).toEqual(inFirst);
  });
});

describe('known aliases', () => {
  it('applies a known alias inside a longer name', () => {
    const { db, mentions } = setup();
    const ids = mentions(['Ho Chi Minh City Hospital for Tropical Diseases', 'HCM City Hospital for Tropical Diseases', 'TP.HCM Hospital for Tropical Diseases']);
    const suggestion = only(db, 'known_alias');
    expect(suggestion).toMatchObject({ entityId: null, name: 'Ho Chi Minh City Hospital for Tropical Diseases', spanIds: ids });
    expect(suggestion.explanation).toBe(
      'known alias "HCM City" is Ho Chi Minh City; "TP.HCM" is Ho Chi Minh City: ' +
        '"Ho Chi Minh City Hospital for Tropical Diseases" / "HCM City Hospital for Tropical Diseases" / "TP.HCM Hospital for Tropical Diseases"',
    );
  });

  it('matches acronym aliases in capitals only', () => {
    const { db, mentions } = setup();
    // An organisation names things: its mentions can be one entity.
    addLabel(db, { name: 'ORG', namesThings: true });
    const ids = mentions(['World Health Organization', 'WHO', 'Who'], 'ORG');
    expect(only(db)).toMatchObject({ reason: 'known_alias', spanIds: ids.slice(0, 2) });
    expect(nameKeys('Saigon Heart Hospital').alias).toBe(nameKeys('Sài Gòn Heart Hospital').alias);
    expect(nameKeys('MoH').alias).toBe(nameKeys('Ministry of Health').alias);
  });
});

describe('suggestions and entities', () => {
  it("links spans to an existing entity by its name or aliases, one span is enough", () => {
    const { db, mentions } = setup();
    const entityId = createEntity(db, { name: 'Bach Mai Hospital', label: 'HOSPITAL', aliases: ['BMH'] });
    const [marked, byAlias] = mentions(['Bạch Mai Hospital', 'BMH']);
    const found = linkSuggestions(db);
    expect(found.map((s) => [s.reason, s.entityId, s.name, s.spanIds])).toEqual([
      ['same_form', entityId, 'Bach Mai Hospital', [byAlias]],
      ['spelling_variant', entityId, 'Bach Mai Hospital', [marked]],
    ]);
    expect(found.map((s) => s.explanation)).toEqual([
      'same name: "BMH" (entity "Bach Mai Hospital" also goes by "BMH")',
      'same name with and without diacritics: "Bach Mai Hospital" / "Bạch Mai Hospital"',
    ]);
  });

  it('gives every suggestion a reason and an explanation, and a key that stays the same', () => {
    const { db, mentions } = setup();
    mentions(['Hue Cancer Centre', 'Hue Cancer Center', 'Hue Cancer Centre', 'HCM City Eye Hospital', 'Ho Chi Minh City Eye Hospital']);
    const first = linkSuggestions(db);
    expect(first.length).toBeGreaterThanOrEqual(3);
    for (const suggestion of first) {
      expect(ENTITY_LINK_REASONS).toContain(suggestion.reason);
      expect(suggestion.explanation.length).toBeGreaterThan(10);
      expect(suggestion.key.startsWith(`${suggestion.reason}:${suggestion.label}:`)).toBe(true);
    }
    mentions(['Quang Tri Eye Hospital']);
    expect(linkSuggestions(db).map((s) => s.key)).toEqual(first.map((s) => s.key));
  });

  it('never suggests a span again for a key it was rejected for', () => {
    const { db, mentions } = setup();
    const [centre1, center, centre2] = mentions(['Hue Cancer Centre', 'Hue Cancer Center', 'Hue Cancer Centre']);
    const variant = only(db, 'spelling_variant');
    expect(rejectSuggestions(db, [variant.key])).toBe(1);
    expect(linkSuggestions(db).map((s) => [s.reason, s.spanIds])).toEqual([['same_form', [centre1, centre2]]]);

    // A new variant comes in: the rejected ones stay out, and it has no name left to join.
    mentions(['Hue Cancer Center']);
    expect(linkSuggestions(db).some((s) => s.reason === 'spelling_variant')).toBe(false);
    expect(center).toBeGreaterThan(0);
    // Rejections survive reopening the project.
    expect(db.prepare('SELECT count(*) AS n FROM entity_suggestion_rejections').get()).toEqual({ n: 3 });
  });

  it('refuses unknown suggestion keys before changing anything', () => {
    const { db, mentions } = setup();
    mentions(['Hue Cancer Centre', 'Hue Cancer Centre']);
    const key = only(db).key;
    expect(() => rejectSuggestions(db, [key, 'same_form:HOSPITAL:nothing'])).toThrow(/no link suggestion "same_form:HOSPITAL:nothing"/);
    expect(db.prepare('SELECT count(*) AS n FROM entity_suggestion_rejections').get()).toEqual({ n: 0 });
  });
});
