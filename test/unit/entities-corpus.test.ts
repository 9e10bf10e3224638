import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../src/shared/offsets.js';
import { acceptSuggestions } from '../../src/main/annotate/entity-edits.js';
import { findAcronymDefinitions } from '../../src/main/entities/acronyms.js';
import { linkSuggestions } from '../../src/main/entities/suggestions.js';
import { importPaths } from '../../src/main/import/pipeline.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { entityMentions } from '../../src/main/store/entities.js';
import { createSpan } from '../../src/main/store/spans.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { createTestProject } from '../helpers/project.js';

const LONG_FORM = 'National Institute of Haematology and Blood Transfusion';
const ACRONYM = 'NIHBT';

function documentFrom(db: Db, filePrefix: string): { id: number; title: string; text: string } {
  const row = db.prepare("SELECT id, title, text FROM documents WHERE source LIKE '%/' || ? || '%'").get(filePrefix);
  if (!row) throw new Error(`no document imported from ${filePrefix}*`);
  return row as { id: number; title: string; text: string };
}

/** Tags the n-th whole occurrence of a phrase by its code-point offsets; returns the span id. */
function tagNth(db: Db, doc: { id: number; text: string }, phrase: string, occurrence: number): number {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) at = doc.text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`occurrence ${occurrence} of "${phrase}" not found`);
  const offsets = new OffsetMap(doc.text);
  const row = createSpan(db, { documentId: doc.id, startCp: offsets.toCp(at), endCp: offsets.toCp(at + phrase.length), label: 'HOSPITAL', annotator: 'lan' });
  return (row as { id: number }).id;
}

describe('entity links on the shared corpus', () => {
  it('finds the acronym the articles define and links a use of it outside the definition', async () => {
    const { db } = createTestProject();
    await importPaths(db, [CORPUS_DIR]);
    const first = documentFrom(db, '001_');
    const repeat = documentFrom(db, '003_');
    for (const doc of [first, repeat]) {
      expect(findAcronymDefinitions(doc.text)).toContainEqual({ acronym: ACRONYM, key: 'nihbt', longForm: LONG_FORM });
    }
    // 001 uses the acronym before it defines it; that first use is the one outside the parenthesis.
    expect(first.text.indexOf(ACRONYM)).toBeLessThan(first.text.indexOf(`(${ACRONYM})`));
    const longForms = [tagNth(db, first, LONG_FORM, 0), tagNth(db, repeat, LONG_FORM, 0)];
    const acronyms = [tagNth(db, first, ACRONYM, 0), tagNth(db, repeat, ACRONYM, 0)];

    const acronym = linkSuggestions(db).find((suggestion) => suggestion.reason === 'acronym');
    expect(acronym).toMatchObject({ label: 'HOSPITAL', entityId: null, name: LONG_FORM });
    expect(acronym?.spanIds).toEqual([...longForms, ...acronyms].sort((a, b) => a - b));
    expect(acronym?.explanation).toBe(`acronym: "${ACRONYM}" is defined as "${LONG_FORM}" in "${first.title}" and 1 other document`);

    expect(acceptSuggestions(db, [acronym?.key as string])).toEqual({ linked: 4, created: 1 });
    const entityId = (db.prepare('SELECT id FROM entities').get() as { id: number }).id;
    // Sliced by the stored code-point offsets: each mention reads back as the phrase that was tagged.
    expect(entityMentions(db, entityId).map((mention) => [mention.documentId, mention.text])).toEqual([
      [first.id, LONG_FORM],
      [first.id, ACRONYM],
      [repeat.id, LONG_FORM],
      [repeat.id, ACRONYM],
    ]);
  });
});

describe('entity links at scale', () => {
  const PLACES = ['Hanoi', 'Hue', 'Da Nang', 'Can Tho', 'Hai Phong', 'Nam Dinh', 'Thai Binh', 'Nghe An', 'Quang Ninh', 'Long An'];
  const KINDS = ['General Hospital', 'Cancer Centre', 'Cancer Center', 'Paediatric Hospital', 'Pediatric Hospital', 'Eye Hospital', 'Tumour Hospital'];
  const SUFFIXES = Array.from({ length: 30 }, (_, i) => `No. ${i + 1}`);

  it('groups 20,000 accepted spans across 1,000 documents into variant and acronym suggestions', () => {
    const { db } = createTestProject();
    const names = PLACES.flatMap((place) => KINDS.flatMap((kind) => SUFFIXES.map((suffix) => `${place} ${kind} ${suffix}`)));
    const insert = db.transaction(() => {
      let n = 0;
      for (let d = 0; d < 1000; d++) {
        const parts: string[] = ['🩺 '];
        const spans: [number, number][] = [];
        let cp = 2;
        if (d % 50 === 0) parts.push(`Donors came to the ${LONG_FORM} (${ACRONYM}) again. `);
        cp = [...parts.join('')].length;
        for (let s = 0; s < 20; s++) {
          const name = s === 0 && d % 7 === 0 ? ACRONYM : (names[(n++ * 7919) % names.length] as string);
          spans.push([cp, cp + [...name].length]);
          const piece = `${name} reported ${d}-${s}. `;
          parts.push(piece);
          cp += [...piece].length;
        }
        const { id } = insertDocument(db, { title: `report ${d}`, source: `r${d}`, text: parts.join(''), meta: {} }, { index: false });
        for (const [startCp, endCp] of spans) createSpan(db, { documentId: id, startCp, endCp, label: 'HOSPITAL', annotator: 'gen' });
      }
    });
    insert();
    expect(db.prepare("SELECT count(*) AS n FROM spans WHERE status = 'accepted'").get()).toEqual({ n: 20_000 });

    const suggestions = linkSuggestions(db);
    expect(suggestions.some((s) => s.reason === 'spelling_variant')).toBe(true);
    expect(suggestions.some((s) => s.reason === 'acronym')).toBe(true);
    // "Cancer Centre No. 3" and "Cancer Center No. 3" of one place are one suggestion holding both spellings.
    const centre = suggestions.find((s) => s.surfaces.includes('Hanoi Cancer Centre No. 3'));
    expect(centre?.reason).toBe('spelling_variant');
    expect(centre?.surfaces).toContain('Hanoi Cancer Center No. 3');
  });
});
