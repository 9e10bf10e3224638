/** The workbench's keyboard map, as data: the help overlay lists it and the label manager keeps label keys off it. */

export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

export interface ShortcutGroup {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

/** Keys the workbench uses itself, so no label may take them. */
export const RESERVED_KEYS: readonly string[] = ['j', 'k', 'd', 'n', 'a', 'A', 'J', 'K', 'D', 'N', '?', '[', ']', '/'];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Tagging',
    shortcuts: [
      { keys: ['Shift+←', 'Shift+→', 'Shift+↑', 'Shift+↓'], action: 'Select text from the keyboard (with Ctrl or Alt: by word)' },
      { keys: ['label key'], action: 'Tag the selection (snapped to whole words, edges trimmed) or relabel the selected span' },
      { keys: ['Alt+label key'], action: 'Tag the selection exactly as selected' },
      { keys: ['A'], action: 'Tag all other occurrences in this document (when offered)' },
      { keys: ['Shift+A'], action: 'Tag all other occurrences in the corpus (when offered)' },
      { keys: ['Esc'], action: 'Dismiss the occurrences offer, then unselect' },
    ],
  },
  {
    title: 'Spans',
    shortcuts: [
      { keys: ['click'], action: 'Select a span' },
      { keys: [']', '['], action: 'Select the next / previous span' },
      { keys: ['→', '←'], action: 'Next / previous span, when a span is selected' },
      { keys: ['Tab', 'Shift+Tab'], action: 'Next / previous span, when a span is selected in the text' },
      { keys: ['Delete', 'Backspace'], action: 'Delete the selected span' },
      { keys: ['N'], action: 'Write a note on the selected span (Enter saves)' },
    ],
  },
  {
    title: 'Documents',
    shortcuts: [
      { keys: ['J'], action: 'Next document in the list' },
      { keys: ['K'], action: 'Previous document in the list' },
      { keys: ['D'], action: 'Mark the document done (again: not done)' },
      { keys: ['/'], action: 'Search documents' },
      { keys: ['↑', '↓'], action: 'Previous / next document, in the list' },
    ],
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: ['Ctrl+Z', '⌘Z'], action: 'Undo' },
      { keys: ['Ctrl+Shift+Z', '⌘Shift+Z', 'Ctrl+Y'], action: 'Redo' },
      { keys: ['?'], action: 'This list' },
    ],
  },
];
