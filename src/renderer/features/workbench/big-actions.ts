/**
 * When a keystroke would change a great deal at once, the workbench says how
 * much and asks first. The counts come from the Node side (the project's
 * document count, the occurrences it found, the open document's spans); these
 * functions only judge the size and word the question.
 */
import { countOf } from '../../components/job-pace.js';
import type { Question } from '../../stores/confirm-store.js';

const WHOLE = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** An action touching more places than this (spans made or decided) asks first: a few dozen are checked at a glance. */
export const ASK_ABOVE_PLACES = 50;
/** An action over more documents than this asks first: a few hundred take a while and fill the project with suggestions. */
export const ASK_ABOVE_DOCUMENTS = 200;

/** Whether an action of this size asks before it starts. */
export function isBigAction(size: { readonly places?: number; readonly documents?: number }): boolean {
  return (size.places ?? 0) > ASK_ABOVE_PLACES || (size.documents ?? 0) > ASK_ABOVE_DOCUMENTS;
}

/** The question before proposing spans in every document of the project. */
export function suggestAllQuestion(documents: number): Question {
  const many = countOf(documents, 'document', 'documents');
  return {
    heading: 'Propose spans in every document?',
    message:
      `Suggestions will be proposed in ${documents === 1 ? 'the only document' : `all ${many}`} of the project. ` +
      'It runs in the background and can be cancelled; spans already there and rejected suggestions are left alone.',
    confirmText: `Propose spans in ${many}`,
  };
}

/** The question before tagging the other occurrences of a span's words in the open document or across the corpus. */
export function tagOccurrencesQuestion(
  offer: { readonly surface: string; readonly inDocument: number; readonly inCorpus: number; readonly searchPending: number },
  labelName: string,
  scope: 'document' | 'corpus',
): Question {
  const places = scope === 'document' ? offer.inDocument : offer.inCorpus;
  const where = scope === 'document' ? 'this document' : 'the corpus';
  const pending =
    scope === 'corpus' && offer.searchPending > 0
      ? ` ${countOf(offer.searchPending, 'document', 'documents')} not indexed for search yet ${offer.searchPending === 1 ? 'is' : 'are'} left out.`
      : '';
  return {
    heading: scope === 'document' ? 'Tag it throughout this document?' : 'Tag it across the corpus?',
    message: `“${offer.surface}” will be tagged as ${labelName} in ${countOf(places, 'other place', 'other places')} in ${where}.${pending} One undo takes them all back.`,
    confirmText: `Tag ${countOf(places, 'occurrence', 'occurrences')}`,
  };
}

/** The question before accepting every suggestion of the open document, or every one of a label. */
export function acceptAllQuestion(count: number, labelName?: string): Question {
  const kind = labelName === undefined ? '' : `${labelName} `;
  return {
    heading: labelName === undefined ? 'Accept every suggestion?' : `Accept every ${labelName} suggestion?`,
    message: `${count === 1 ? 'The' : `All ${WHOLE.format(count)}`} ${kind}${count === 1 ? 'suggestion' : 'suggestions'} in this document will be accepted. One undo takes them all back.`,
    confirmText: `Accept ${countOf(count, 'suggestion', 'suggestions')}`,
  };
}

/** The question before accepting every suggestion of a label (or of every label) in the whole project. */
export function acceptEverywhereQuestion(count: number, labelName?: string): Question {
  const kind = labelName === undefined ? '' : `${labelName} `;
  return {
    heading: labelName === undefined ? 'Accept every suggestion in the project?' : `Accept every ${labelName} suggestion in the project?`,
    message:
      `${count === 1 ? 'The' : `All ${WHOLE.format(count)}`} ${kind}${count === 1 ? 'suggestion' : 'suggestions'} in every document will be accepted as yours. ` +
      'It runs in the background and can be cancelled; one undo takes back all it did.',
    confirmText: `Accept ${countOf(count, 'suggestion', 'suggestions')}`,
  };
}
