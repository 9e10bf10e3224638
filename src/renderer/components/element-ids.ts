/** Ids of elements that keyboard shortcuts move focus to. */
export const SEARCH_FIELD_ID = 'document-search';
export const NOTE_FIELD_ID = 'span-note';
export const DOCUMENT_TEXT_ID = 'document-text';
