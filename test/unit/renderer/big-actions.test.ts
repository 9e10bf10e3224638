import { describe, expect, it } from 'vitest';
import {
  acceptAllQuestion,
  ASK_ABOVE_DOCUMENTS,
  ASK_ABOVE_PLACES,
  isBigAction,
  suggestAllQuestion,
  tagOccurrencesQuestion,
} from '../../../src/renderer/features/workbench/big-actions.js';

describe('isBigAction', () => {
  it('asks above a few dozen places or a few hundred documents, not at them', () => {
    expect(isBigAction({ places: ASK_ABOVE_PLACES })).toBe(false);
    expect(isBigAction({ places: ASK_ABOVE_PLACES + 1 })).toBe(true);
    expect(isBigAction({ documents: ASK_ABOVE_DOCUMENTS })).toBe(false);
    expect(isBigAction({ documents: ASK_ABOVE_DOCUMENTS + 1 })).toBe(true);
    expect(isBigAction({})).toBe(false);
  });
});

describe('the questions', () => {
  it('proposing spans everywhere names the document count', () => {
    expect(suggestAllQuestion(2345)).toEqual({
      heading: 'Propose spans in every document?',
      message:
        'Suggestions will be proposed in all 2,345 documents of the project. It runs in the background and can be cancelled; spans already there and rejected suggestions are left alone.',
      confirmText: 'Propose spans in 2,345 documents',
    });
    expect(suggestAllQuestion(1).confirmText).toBe('Propose spans in 1 document');
    expect(suggestAllQuestion(1).message).toMatch(/^Suggestions will be proposed in the only document of the project\./);
  });

  it('tagging occurrences names the places, the label and what search has not covered', () => {
    const offer = { surface: 'Hue Central Hospital', inDocument: 1, inCorpus: 1234, searchPending: 0 };
    expect(tagOccurrencesQuestion(offer, 'Hospital', 'corpus')).toEqual({
      heading: 'Tag it across the corpus?',
      message: '“Hue Central Hospital” will be tagged as Hospital in 1,234 other places in the corpus. One undo takes them all back.',
      confirmText: 'Tag 1,234 occurrences',
    });
    expect(tagOccurrencesQuestion({ ...offer, searchPending: 1 }, 'Hospital', 'corpus').message).toContain(
      'corpus. 1 document not indexed for search yet is left out. One undo',
    );
    expect(tagOccurrencesQuestion({ ...offer, searchPending: 7 }, 'Hospital', 'corpus').message).toContain('7 documents not indexed for search yet are left out.');
    const inDocument = tagOccurrencesQuestion({ ...offer, searchPending: 7 }, 'Hospital', 'document');
    expect(inDocument.message).toBe('“Hue Central Hospital” will be tagged as Hospital in 1 other place in this document. One undo takes them all back.');
    expect(inDocument.confirmText).toBe('Tag 1 occurrence');
  });

  it('accepting every suggestion names the count and the label', () => {
    expect(acceptAllQuestion(73)).toEqual({
      heading: 'Accept every suggestion?',
      message: 'All 73 suggestions in this document will be accepted. One undo takes them all back.',
      confirmText: 'Accept 73 suggestions',
    });
    expect(acceptAllQuestion(1, 'Figure')).toEqual({
      heading: 'Accept every Figure suggestion?',
      message: 'The Figure suggestion in this document will be accepted. One undo takes them all back.',
      confirmText: 'Accept 1 suggestion',
    });
  });
});
