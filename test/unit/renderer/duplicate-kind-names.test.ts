import { describe, expect, it } from 'vitest';
import { clusterKindName, clusterSize, passageMarkName, similarityText } from '../../../src/renderer/features/duplicates/cluster-names.js';

describe('names of the sentence and contained duplicate kinds', () => {
  it('names each kind, and says "contained in" for a passage inside others', () => {
    expect(clusterKindName('passage')).toBe('passages');
    expect(clusterKindName('sentence')).toBe('sentences');
    expect(clusterKindName('contained')).toBe('contained in');
    expect(clusterKindName('document')).toBe('whole documents');
    expect(clusterSize({ kind: 'sentence', members: 3, documents: 2 })).toBe('3 sentences in 2 documents');
    expect(clusterSize({ kind: 'contained', members: 3, documents: 1 })).toBe('A passage contained in 2 others');
    expect(clusterSize({ kind: 'contained', members: 2, documents: 1 })).toBe('A passage contained in 1 other');
    expect(similarityText(0.92, 'contained')).toBe('92% contained');
    expect(similarityText(0.92, 'sentence')).toBe('92% similar');
    expect(passageMarkName({ otherDocuments: 2, kind: 'sentence' })).toBe('Also in 2 documents (a sentence)');
    expect(passageMarkName({ otherDocuments: 1, kind: 'contained' })).toBe('Also in 1 document (one passage contained in another)');
    expect(passageMarkName({ otherDocuments: 0, kind: 'contained' })).toBe('Repeated in this document');
  });
});
