/** Colours handed to labels created without one, in turn. */
export const SPARE_LABEL_COLORS: readonly string[] = [
  '#c0392b', '#16a085', '#8e6e3a', '#5d6d7e', '#d35400', '#7d3c98', '#1f618d', '#117a65',
];

/** Built-in labels that name things entities gather; a new label of another name names things only when marked so. */
export const LABELS_THAT_NAME_THINGS: readonly string[] = ['HOSPITAL', 'PERSON'];

/** A label name as exported in every format: no spaces, so it survives CoNLL and brat. */
export const LABEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
