import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress } from '../../../src/renderer/features/workbench/address.js';

describe('workbench addresses', () => {
  it('reads back what it writes, for every view, with and without a document', () => {
    for (const view of ['documents', 'duplicates', 'entities', 'agreement', 'adjudication', 'overview'] as const) {
      for (const documentId of [null, 1, 20_000]) expect(parseAddress(formatAddress({ view, documentId }))).toEqual({ view, documentId });
    }
    expect(formatAddress({ view: 'documents', documentId: 12 })).toBe('#/documents?doc=12');
  });

  it('opens a document from the short forms typed by hand', () => {
    expect(parseAddress('#/doc/123')).toEqual({ view: 'documents', documentId: 123 });
    expect(parseAddress('#123')).toEqual({ view: 'documents', documentId: 123 });
  });

  it('names nothing for an empty or foreign fragment, and drops a document id that is not one', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#/doc/abc', '#/doc/0', '#section-2']) expect(parseAddress(hash)).toBeNull();
    expect(parseAddress('#/documents?doc=-4')).toEqual({ view: 'documents', documentId: null });
    expect(parseAddress('#/overview?doc=1e3')).toEqual({ view: 'overview', documentId: null });
  });
});
