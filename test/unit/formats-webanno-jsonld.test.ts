/**
 * The Web Annotation export read by a JSON-LD processor (jsonld.js), as any
 * linked-data tool would read it: whatever the processor keeps is what the file
 * says. The W3C context comes from a local copy, so no network is needed.
 */
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { describe, expect, it } from 'vitest';
import { exportText, taggedProject } from './formats-support.js';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const ANNO_COPY = JSON.parse(readFileSync(new URL('../fixtures/jsonld/anno.jsonld', import.meta.url), 'utf8')) as RemoteDocument['document'];

const OA = 'http://www.w3.org/ns/oa#';
const XSD_NON_NEGATIVE = 'http://www.w3.org/2001/XMLSchema#nonNegativeInteger';
const DC_TITLE = 'http://purl.org/dc/terms/title';
const META = 'urn:marginalia:vocabulary#meta';
const STATUS = 'urn:marginalia:vocabulary#status';

/** Serves the W3C context from the local copy and refuses every other URL: a test that tried the network fails. */
async function offlineLoader(url: string): Promise<RemoteDocument> {
  if (url !== ANNO_CONTEXT) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: ANNO_COPY };
}

type Node = Record<string, unknown>;
interface Selector {
  type: string;
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}
interface Entry {
  id: string;
  type: string;
  title?: string;
  meta?: unknown;
  target?: { source: string; selector: Selector[] };
  'marginalia:status'?: string;
}

/** The one value of an expanded property (`[{"@value": …}]`). */
function valueOf(node: Node | undefined, property: string): unknown {
  const values = node?.[property] as { '@value': unknown }[] | undefined;
  expect(values, `${property} is kept`).toHaveLength(1);
  return values?.[0]?.['@value'];
}

describe('W3C Web Annotation read by a JSON-LD processor', () => {
  it('keeps every Text title and meta, and every selector of every span', async () => {
    const { db } = taggedProject();
    const meta = { site: 'example', tags: ['ward', 'flood 🌊'], nested: { reviewed: true, score: 0.5, none: null } };
    db.prepare('UPDATE documents SET meta = ? WHERE id = 1').run(JSON.stringify(meta));
    const { text } = await exportText(db, { format: 'webanno', statuses: ['accepted', 'suggested', 'rejected'] });
    const entries = JSON.parse(text) as Entry[];

    const expanded = (await jsonld.expand(entries as unknown as jsonld.JsonLdDocument, { documentLoader: offlineLoader })) as Node[];
    const byId = new Map(expanded.map((node) => [node['@id'] as string, node]));
    expect(byId.size).toBe(entries.length);

    const texts = entries.filter((entry) => entry.type === 'Text');
    expect(texts).toHaveLength(2);
    for (const entry of texts) {
      const node = byId.get(entry.id);
      expect(node?.['@type']).toEqual(['http://purl.org/dc/dcmitype/Text']);
      expect(valueOf(node, DC_TITLE)).toBe(entry.title);
      expect(node?.[META]).toEqual([{ '@type': '@json', '@value': entry.meta }]);
    }
    expect(valueOf(byId.get('urn:marginalia:document:1'), META)).toEqual(meta);

    const annotations = entries.filter((entry) => entry.type === 'Annotation');
    expect(annotations).toHaveLength(6);
    for (const entry of annotations) {
      const node = byId.get(entry.id);
      const [target] = node?.[`${OA}hasTarget`] as Node[];
      expect(target?.[`${OA}hasSource`]).toEqual([{ '@id': entry.target?.source }]);
      const selectors = target?.[`${OA}hasSelector`] as Node[];
      expect(selectors).toHaveLength(2);
      const [quote, position] = entry.target?.selector ?? [];
      const quoteNode = selectors.find((selector) => (selector['@type'] as string[])[0] === `${OA}TextQuoteSelector`);
      const positionNode = selectors.find((selector) => (selector['@type'] as string[])[0] === `${OA}TextPositionSelector`);
      expect(valueOf(quoteNode, `${OA}exact`)).toBe(quote?.exact);
      expect(valueOf(quoteNode, `${OA}prefix`)).toBe(quote?.prefix);
      expect(valueOf(quoteNode, `${OA}suffix`)).toBe(quote?.suffix);
      expect(positionNode?.[`${OA}start`]).toEqual([{ '@type': XSD_NON_NEGATIVE, '@value': position?.start }]);
      expect(positionNode?.[`${OA}end`]).toEqual([{ '@type': XSD_NON_NEGATIVE, '@value': position?.end }]);
      if (entry['marginalia:status'] === undefined) expect(node?.[STATUS]).toBeUndefined();
      else expect(valueOf(node, STATUS)).toBe(entry['marginalia:status']);
    }
  });
});
