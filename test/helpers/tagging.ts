import { tagSpan } from '../../src/main/annotate/span-edits.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createSpan } from '../../src/main/store/spans.js';
import { OffsetMap } from '../../src/shared/offsets.js';

/**
 * `doc` adds a document and `tag` tags the n-th occurrence of a phrase in it, by
 * code points. Tags are plain rows, or edits an annotator makes (one undo step
 * each) when `undoable`.
 */
export function documentTagger(db: Db, options: { readonly undoable?: boolean } = {}) {
  const texts = new Map<number, string>();
  let count = 0;
  const doc = (text: string, title = `note ${++count}`): number => {
    const id = insertDocument(db, { title, source: `${title}.txt`, text, meta: {} }).id;
    texts.set(id, text);
    return id;
  };
  const tag = (documentId: number, phrase: string, label = 'HOSPITAL', occurrence = 0): number => {
    const text = texts.get(documentId) as string;
    let at = -1;
    for (let n = 0; n <= occurrence; n++) at = text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`"${phrase}" is not in document ${documentId}`);
    const offsets = new OffsetMap(text);
    const draft = { documentId, startCp: offsets.toCp(at), endCp: offsets.toCp(at + phrase.length), label, annotator: 'lan' };
    if (options.undoable) return tagSpan(db, draft).id;
    const row = createSpan(db, draft);
    if (!row) throw new Error('already tagged');
    return row.id;
  };
  return { doc, tag };
}
