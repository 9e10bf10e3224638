import { describe, expect, it } from 'vitest';
import { spansInDocument } from '../../src/main/store/spans.js';
import { ASTRAL_TEXT, exportText, expectRoundTrip, findCp, importInto, taggedProject } from './formats-support.js';

interface Selector {
  type: string;
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}
interface Entry {
  '@context': unknown;
  id: string;
  type: string;
  value?: string;
  creator?: { type: string; name: string };
  body?: { type: string; purpose: string; value: string };
  target?: { source: string; selector: Selector[] };
}

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

describe('W3C Web Annotation', () => {
  it('writes each document as a Text followed by its Annotations, positions in code points', async () => {
    const { db } = taggedProject();
    const { text, report } = await exportText(db, { format: 'webanno' });
    expect(report).toMatchObject({ documents: 2, spans: 4, leftOut: [] });
    const entries = JSON.parse(text) as Entry[];
    expect(entries.map((entry) => entry.type)).toEqual(['Text', 'Annotation', 'Annotation', 'Annotation', 'Annotation', 'Text']);
    expect(entries.filter((entry) => entry.type === 'Annotation').every((entry) => entry['@context'] === CONTEXT)).toBe(true);
    expect(entries[0]?.['@context']).toEqual([CONTEXT, { marginalia: 'urn:marginalia:vocabulary#', title: 'dcterms:title', meta: { '@id': 'marginalia:meta', '@type': '@json' } }]);
    expect(entries[0]).toMatchObject({ id: 'urn:marginalia:document:1', value: ASTRAL_TEXT });
    const chars = [...ASTRAL_TEXT];
    for (const entry of entries.filter((e) => e.type === 'Annotation')) {
      expect(entry.target?.source).toBe('urn:marginalia:document:1');
      const [quote, position] = entry.target?.selector ?? [];
      expect(quote?.type).toBe('TextQuoteSelector');
      expect(position?.type).toBe('TextPositionSelector');
      expect(chars.slice(position!.start, position!.end).join('')).toBe(quote?.exact);
      expect(chars.slice(0, position!.start).join('').endsWith(quote!.prefix!)).toBe(true);
      expect(chars.slice(position!.end).join('').startsWith(quote!.suffix!)).toBe(true);
      expect(entry.body).toMatchObject({ type: 'TextualBody', purpose: 'tagging' });
    }
    const hospital = entries[2];
    expect(hospital?.target?.selector[1]).toMatchObject(findCp(ASTRAL_TEXT, 'Riverside General Hospital'));
    expect(hospital?.creator).toEqual({ type: 'Person', name: 'lan' });
  });

  it('says when a span is suggested or rejected, in a term of its own declared beside the standard context', async () => {
    const { db } = taggedProject();
    const { text } = await exportText(db, { format: 'webanno', statuses: ['accepted', 'suggested', 'rejected'] });
    const annotations = (JSON.parse(text) as Record<string, unknown>[]).filter((entry) => entry.type === 'Annotation');
    const byLabel = (value: string) => annotations.filter((entry) => (entry.body as { value: string }).value === value);
    const [figure] = byLabel('FIGURE');
    expect(figure).toMatchObject({ '@context': [CONTEXT, { marginalia: 'urn:marginalia:vocabulary#' }], 'marginalia:status': 'suggested' });
    const accepted = annotations.filter((entry) => entry['marginalia:status'] === undefined);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.every((entry) => entry['@context'] === CONTEXT)).toBe(true);
    expect(annotations.filter((entry) => entry['marginalia:status'] === 'rejected')).toHaveLength(1);

    const { db: imported, report } = await importInto('statuses.jsonld', text);
    expect(report.rejected).toEqual([]);
    const statuses = imported.prepare('SELECT label, status FROM spans ORDER BY label, status').all() as { label: string; status: string }[];
    expect(statuses.filter((span) => span.status !== 'accepted')).toEqual([
      { label: 'FIGURE', status: 'suggested' },
      { label: 'HOSPITAL', status: 'rejected' },
    ]);

    const wrong = text.replace('"marginalia:status":"suggested"', '"marginalia:status":"maybe"');
    const refused = await importInto('wrong-status.jsonld', wrong);
    expect(refused.report.rejected.map((problem) => problem.reason)).toEqual([
      expect.stringMatching(/^annotation \d+: "marginalia:status" must be one of accepted, suggested, rejected$/),
    ]);
  });

  it('round-trips through a fresh project: the second export is identical', async () => {
    await expectRoundTrip({ format: 'webanno', statuses: ['accepted', 'suggested', 'rejected'] }, 'annotations.jsonld');
  });

  it('imports a collection written as the data model documents it, placing quote-only annotations by their context', async () => {
    const text = 'The clinic 🏥 in Eastport and the clinic in Westport.';
    const second = findCp(text, 'clinic', 1);
    const collection = {
      '@context': CONTEXT,
      id: 'http://example.org/collection1',
      type: 'AnnotationCollection',
      label: 'Tags',
      first: {
        id: 'http://example.org/page1',
        type: 'AnnotationPage',
        items: [
          { id: 'http://example.org/doc1', type: 'Text', value: text, title: 'Two clinics' },
          {
            id: 'http://example.org/anno1',
            type: 'Annotation',
            creator: 'http://example.org/user1',
            body: { type: 'TextualBody', purpose: 'tagging', value: 'HOSPITAL' },
            target: { source: 'http://example.org/doc1', selector: { type: 'TextQuoteSelector', exact: 'clinic', prefix: 'the ', suffix: ' in Westport' } },
          },
          {
            id: 'http://example.org/anno2',
            type: 'Annotation',
            body: [{ type: 'TextualBody', purpose: 'commenting', value: 'a town' }, { type: 'TextualBody', purpose: 'tagging', value: 'PLACE' }],
            target: { source: 'http://example.org/doc1', selector: [{ type: 'TextPositionSelector', start: 16, end: 24 }] },
          },
          { id: 'http://example.org/anno3', type: 'Annotation', bodyValue: 'HOSPITAL', target: { source: 'http://example.org/elsewhere', selector: { type: 'TextPositionSelector', start: 0, end: 1 } } },
          { id: 'http://example.org/anno4', type: 'Annotation', bodyValue: 'HOSPITAL', target: { source: 'http://example.org/doc1', selector: { type: 'TextQuoteSelector', exact: 'hospital' } } },
        ],
      },
    };
    const { db, report, path } = await importInto('tags.json', JSON.stringify(collection));
    expect(report.documentsImported).toBe(1);
    expect(report.rejected).toEqual([
      { path, reason: 'annotation 3: its target source "http://example.org/elsewhere" is not a Text in this file (the text is needed)' },
      { path, reason: 'annotation 4: the quote "hospital" is not in the text with its prefix and suffix' },
    ]);
    const spans = spansInDocument(db, 1).map((span) => [span.startCp, span.endCp, span.label, span.annotator]);
    expect(spans).toEqual([
      [16, 24, 'PLACE', ''],
      [second.start, second.end, 'HOSPITAL', 'http://example.org/user1'],
    ]);
    expect([...text].slice(16, 24).join('')).toBe('Eastport');
  });
});
