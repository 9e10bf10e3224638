/** The workbench's keyboard map, as data: the help overlay lists it and the label manager keeps label keys off it. */

export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

export interface ShortcutGroup {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

/**
 * Keys the Documents view uses itself, so no label may take them. (The
 * Duplicates and Entities views have no label keys, so their letters are free.)
 */
export const RESERVED_KEYS: readonly string[] = ['j', 'k', 'd', 'n', 'a', 'A', 'J', 'K', 'D', 'N', '?', '[', ']', '/', 'g', 'u', 'U', 'e', 'E', 'x', 'X', 's', 'S', 'p', 'P'];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Tagging',
    shortcuts: [
      { keys: ['Shift+←', 'Shift+→', 'Shift+↑', 'Shift+↓'], action: 'Select text from the keyboard (with Ctrl or Alt: by word)' },
      { keys: ['label key'], action: 'Tag the selection (snapped to whole words, edges trimmed) or relabel the selected span' },
      { keys: ['Alt+label key'], action: 'Tag the selection exactly as selected' },
      { keys: ['A'], action: 'Tag all other occurrences in this document (when offered and no suggestion is selected)' },
      { keys: ['Shift+A'], action: 'Tag all other occurrences in the corpus (when offered and no suggestion is selected)' },
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
      { keys: ['E'], action: 'Link the selected span to an entity: search, then Enter (or create one)' },
    ],
  },
  {
    title: 'Suggestions',
    shortcuts: [
      { keys: ['S', 'Shift+S'], action: 'Select the next / previous suggestion' },
      { keys: ['A', 'Enter'], action: 'Accept the selected suggestion, then select the next' },
      { keys: ['X'], action: 'Reject the selected suggestion (it disappears), then select the next' },
      { keys: ['Shift+A'], action: 'Accept every suggestion in this document with the selected suggestion’s label' },
      { keys: ['Shift+Enter'], action: 'Accept every suggestion in this document' },
      { keys: ['P'], action: 'Propose spans for this document' },
      { keys: ['Shift+P'], action: 'Propose spans for every document in the project' },
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
      { keys: ['U'], action: 'Open the duplicates of this passage (the one holding the selection, else the first in view)' },
    ],
  },
  {
    title: 'Duplicates view',
    shortcuts: [
      { keys: ['J', 'K', '↓', '↑'], action: 'Next / previous cluster' },
      { keys: ['C'], action: 'Confirm: the passages are duplicates' },
      { keys: ['X'], action: 'Reject: they are not' },
      { keys: ['→', '←'], action: 'Next / previous member column' },
      { keys: ['Space'], action: 'Choose the member for a split' },
      { keys: ['S'], action: 'Split: move the chosen members to a new cluster' },
      { keys: ['T'], action: 'Copy the offered spans to the other members (confirmed clusters)' },
      { keys: ['Enter', 'O'], action: 'Open the member’s document at the passage' },
      { keys: ['Esc'], action: 'Unchoose members, then back to the previous view' },
    ],
  },
  {
    title: 'Entities view',
    shortcuts: [
      { keys: ['J', 'K', '↓', '↑'], action: 'Next / previous entity (with Shift: add it to the selection)' },
      { keys: ['Space'], action: 'Add the entity to the selection, or take it out' },
      { keys: ['Ctrl+click', '⌘click'], action: 'The same, with the mouse' },
      { keys: ['M'], action: 'Merge the selected entities into the chosen one' },
      { keys: ['R'], action: 'Rename the entity' },
      { keys: ['/'], action: 'Search entities' },
      { keys: ['Esc'], action: 'Keep only the current entity selected, then back' },
    ],
  },
  {
    title: 'Suggestions tab',
    shortcuts: [
      { keys: ['J', 'K', '↓', '↑'], action: 'Next / previous suggestion' },
      { keys: ['Space'], action: 'Tick the suggestion' },
      { keys: ['A'], action: 'Accept the ticked suggestions' },
      { keys: ['X'], action: 'Reject the ticked suggestions' },
    ],
  },
  {
    title: 'Agreement view',
    shortcuts: [
      { keys: ['J', 'K', '↓', '↑'], action: 'Next / previous document in the table' },
      { keys: ['Enter'], action: 'Open the document in the Adjudication view' },
      { keys: ['R'], action: 'Measure again' },
      { keys: ['Esc'], action: 'Back to the previous view' },
    ],
  },
  {
    title: 'Overview',
    shortcuts: [
      { keys: ['R'], action: 'Read the figures again' },
      { keys: ['Esc'], action: 'Back to the previous view' },
    ],
  },
  {
    title: 'Adjudication view',
    shortcuts: [
      { keys: ['J', 'K'], action: 'Next / previous document with disagreements' },
      { keys: ['N', 'Shift+N'], action: 'Next / previous disagreement in the document' },
      { keys: ['1', '…', '9'], action: 'Keep the version of the first … ninth annotator' },
      { keys: ['0', 'X'], action: 'None of these: turn every version down' },
      { keys: ['A'], action: 'Accept every span the annotators agree on in this document' },
      { keys: ['label key'], action: 'Write an adjudicated span over the text selected in the context, or relabel the chosen one' },
      { keys: [']', '['], action: 'Choose the next / previous adjudicated span to edit' },
      { keys: ['Delete', 'Backspace'], action: 'Delete the chosen adjudicated span' },
      { keys: ['Esc'], action: 'Let go of the chosen span or selection, then back' },
    ],
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: ['G D'], action: 'Go to Documents' },
      { keys: ['G U'], action: 'Go to Duplicates' },
      { keys: ['G E'], action: 'Go to Entities' },
      { keys: ['G A'], action: 'Go to Agreement' },
      { keys: ['G J'], action: 'Go to Adjudication' },
      { keys: ['G O'], action: 'Go to Overview' },
      { keys: ['Ctrl+Z', '⌘Z'], action: 'Undo' },
      { keys: ['Ctrl+Shift+Z', '⌘Shift+Z', 'Ctrl+Y'], action: 'Redo' },
      { keys: ['?'], action: 'This list' },
    ],
  },
];
