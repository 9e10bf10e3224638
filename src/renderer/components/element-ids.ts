/** Ids of elements that keyboard shortcuts move focus to. */
export const SEARCH_FIELD_ID = 'document-search';
export const NOTE_FIELD_ID = 'span-note';
export const DOCUMENT_TEXT_ID = 'document-text';
export const ENTITY_SEARCH_ID = 'entity-search';
export const ENTITY_NAME_FIELD_ID = 'entity-name';
export const MERGE_TARGET_FIELD_NAME = 'merge-target';
export const ENTITY_LINK_FIELD_ID = 'entity-link-search';
