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
export const RESERVED_KEYS: readonly string[] = ['j', 'k', 'd', 'n', 'a', 'A', 'J', 'K', 'D', 'N', '?', '[', ']', '/', 'g', 'u', 'U', 'e', 'E', 'x', 'X', 's', 'S', 'p', 'P', 'i', 'I'];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Tagging',
    shortcuts: [
      { keys: ['Shift+arrows'], action: 'Select text (with Ctrl or Alt: by word)' },
      { keys: ['label key'], action: 'Tag the selection (snapped to words), or relabel the selected span' },
      { keys: ['Alt+label key'], action: 'Tag exactly what is selected' },
      { keys: ['A'], action: 'Tag the other occurrences offered, in this document' },
      { keys: ['Shift+A'], action: 'The same, in the whole corpus' },
      { keys: ['Esc'], action: 'Dismiss the offer, then unselect' },
    ],
  },
  {
    title: 'Spans',
    shortcuts: [
      { keys: ['click'], action: 'Select a span' },
      { keys: [']', '['], action: 'Select the next / previous span' },
      { keys: ['→', '←', 'Tab'], action: 'Next / previous span, from a selected one' },
      { keys: ['Delete', 'Backspace'], action: 'Delete the selected span' },
      { keys: ['N'], action: 'Note on the selected span (Enter saves)' },
      { keys: ['E'], action: 'Link the selected span to an entity' },
    ],
  },
  {
    title: 'Suggestions',
    shortcuts: [
      { keys: ['S', 'Shift+S'], action: 'Select the next / previous suggestion' },
      { keys: ['A', 'Enter'], action: 'Accept the selected suggestion, go to the next' },
      { keys: ['X'], action: 'Reject it, go to the next' },
      { keys: ['Shift+A'], action: 'Accept every suggestion of its label here' },
      { keys: ['Shift+Enter'], action: 'Accept every suggestion here' },
      { keys: ['P', 'Shift+P'], action: 'Propose spans here / in every document' },
    ],
  },
  {
    title: 'Documents',
    shortcuts: [
      { keys: ['J', 'K'], action: 'Next / previous document in the list' },
      { keys: ['D'], action: 'Mark the document done (again: not done)' },
      { keys: ['/'], action: 'Search documents' },
      { keys: ['Enter', 'Shift+Enter'], action: 'In the search box: next / previous match in the document' },
      { keys: ['↑', '↓'], action: 'Previous / next, in the list' },
      { keys: ['U'], action: 'Duplicates of the passage at the selection' },
      { keys: ['I'], action: 'Show or hide the project’s guidelines' },
    ],
  },
  {
    title: 'Duplicates view',
    shortcuts: [
      { keys: ['J', 'K', '↓', '↑'], action: 'Next / previous cluster' },
      { keys: ['C'], action: 'Confirm: the passages are duplicates' },
      { keys: ['X'], action: 'Reject: they are not' },
      { keys: ['→', '←'], action: 'Next / previous member' },
      { keys: ['Space'], action: 'Choose the member for a split' },
      { keys: ['S'], action: 'Split the chosen members off' },
      { keys: ['T'], action: 'Copy the offered spans to the others' },
      { keys: ['Enter', 'O'], action: 'Open the member’s document there' },
      { keys: ['Esc'], action: 'Unchoose members, then back' },
    ],
  },
  {
    title: 'Entities view',
    shortcuts: [
      { keys: ['J', 'K', '↓', '↑'], action: 'Next / previous entity (Shift: add it)' },
      { keys: ['Space'], action: 'Add to the selection, or take out' },
      { keys: ['M'], action: 'Merge the selected entities into the chosen one' },
      { keys: ['R'], action: 'Rename the entity' },
      { keys: ['/'], action: 'Search entities' },
      { keys: ['Esc'], action: 'Keep only the current one, then back' },
    ],
  },
  {
    title: 'Suggestions tab',
    shortcuts: [
      { keys: ['J', 'K', '↓', '↑'], action: 'Next / previous suggestion' },
      { keys: ['Space'], action: 'Tick the suggestion' },
      { keys: ['A', 'X'], action: 'Accept / reject the ticked suggestions' },
    ],
  },
  {
    title: 'Agreement view',
    shortcuts: [
      { keys: ['J', 'K', '↓', '↑'], action: 'Next / previous document' },
      { keys: ['Enter'], action: 'Adjudicate the document' },
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
      { keys: ['J', 'K'], action: 'Next / previous document' },
      { keys: ['N', 'Shift+N'], action: 'Next / previous disagreement' },
      { keys: ['1', '…', '9'], action: 'Keep that annotator’s version' },
      { keys: ['0', 'X'], action: 'Turn every version down' },
      { keys: ['A'], action: 'Accept every span they agree on' },
      { keys: ['label key'], action: 'Tag the selected context, or relabel the chosen span' },
      { keys: [']', '['], action: 'Choose the next / previous adjudicated span' },
      { keys: ['Delete', 'Backspace'], action: 'Delete the chosen adjudicated span' },
      { keys: ['Esc'], action: 'Let go of the span or selection, then back' },
    ],
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: ['G D', 'G U', 'G E'], action: 'Go to Documents, Duplicates, Entities' },
      { keys: ['G A', 'G J', 'G O'], action: 'Go to Agreement, Adjudication, Overview' },
      { keys: ['Ctrl+Z', '⌘Z'], action: 'Undo (also the Undo in the status line)' },
      { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], action: 'Redo (⌘Shift+Z on a Mac)' },
      { keys: ['?'], action: 'This list' },
    ],
  },
];
