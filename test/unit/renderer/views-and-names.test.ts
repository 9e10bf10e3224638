import { describe, expect, it } from 'vitest';
import type { DuplicateClusterDto, SpanTransferDto } from '../../../src/shared/api.js';
import { clusterSize, passageMarkName, similarityText } from '../../../src/renderer/features/duplicates/cluster-names.js';
import { copyButtonText } from '../../../src/renderer/features/duplicates/TransferPanel.js';
import { viewForKey } from '../../../src/renderer/features/workbench/use-shortcuts.js';
import { keyProblem } from '../../../src/renderer/features/labels/label-keys.js';
import { entityPageInput } from '../../../src/renderer/stores/entities-store.js';
import { offerKey } from '../../../src/renderer/stores/duplicates-store.js';

describe('views', () => {
  it('maps the key after G to a view, whatever the case', () => {
    expect(viewForKey('d')).toBe('documents');
    expect(viewForKey('U')).toBe('duplicates');
    expect(viewForKey('e')).toBe('entities');
    expect(viewForKey('x')).toBeUndefined();
  });

  it('keeps the Documents view’s new keys away from labels', () => {
    for (const key of ['g', 'u', 'U', 'e', 'E']) expect(keyProblem(key, [], null)).toBe(`${key} is a workbench shortcut`);
  });
});

describe('cluster names', () => {
  it('names gutter marks by where else the passage is', () => {
    expect(passageMarkName({ otherDocuments: 3, kind: 'passage' })).toBe('Also in 3 documents');
    expect(passageMarkName({ otherDocuments: 1, kind: 'passage' })).toBe('Also in 1 document');
    expect(passageMarkName({ otherDocuments: 0, kind: 'passage' })).toBe('Repeated in this document');
    expect(passageMarkName({ otherDocuments: 2, kind: 'document' })).toBe('Also in 2 documents (the whole document)');
  });

  it('describes a cluster’s size and similarity', () => {
    expect(clusterSize({ kind: 'passage', members: 3, documents: 2 })).toBe('3 passages in 2 documents');
    expect(clusterSize({ kind: 'passage', members: 2, documents: 1 })).toBe('2 passages in 1 document');
    expect(clusterSize({ kind: 'document', members: 2, documents: 2 })).toBe('2 documents');
    expect(similarityText(1)).toBe('100% similar');
    // Never "100%" for what is not exact.
    expect(similarityText(0.9996)).toBe('99% similar');
    expect(similarityText(0.8123)).toBe('81% similar');
  });

  it('counts the passages spans would be copied to', () => {
    const member = (id: number, documentId: number, startCp: number, endCp: number) => ({ id, documentId, documentTitle: `d${documentId}`, startCp, endCp, text: '', similarity: 1, status: 'confirmed' as const });
    const cluster = { memberList: [member(1, 1, 0, 100), member(2, 2, 0, 100), member(3, 2, 200, 300)] } as unknown as DuplicateClusterDto;
    const offer = (fromSpanId: number, documentId: number, startCp: number): SpanTransferDto => ({ fromSpanId, documentId, documentTitle: '', startCp, endCp: startCp + 5, label: 'PERSON', text: '' });
    expect(copyButtonText(cluster, [offer(1, 2, 10), offer(2, 2, 20), offer(1, 2, 210), offer(2, 2, 220)])).toBe('Copy 4 spans to 2 other passages');
    expect(copyButtonText(cluster, [offer(1, 2, 10)])).toBe('Copy 1 span to 1 other passage');
    expect(offerKey(offer(1, 2, 10))).toBe('1:2:10:15');
  });
});

describe('entity list pages', () => {
  it('asks only for the filters in use', () => {
    expect(entityPageInput({ label: null, query: '  ' }, 0, 100)).toEqual({ offset: 0, limit: 100 });
    expect(entityPageInput({ label: 'HOSPITAL', query: ' Bach ' }, 200, 100)).toEqual({ offset: 200, limit: 100, label: 'HOSPITAL', query: 'Bach' });
  });
});
