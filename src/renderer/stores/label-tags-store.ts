/**
 * Where the text shows each span's label name, so labels can be told apart
 * without their colour (colour-blind annotators, screenshots printed in grey):
 * at the start of every span (the default), or only on hover and on the
 * selected span. A preference of the person at this screen, kept in localStorage.
 */
import { create } from 'zustand';

export const LABEL_TAG_PLACEMENTS = ['start', 'hover'] as const;
export type LabelTagPlacement = (typeof LABEL_TAG_PLACEMENTS)[number];

/** localStorage key of the placement. */
export const LABEL_TAGS_KEY = 'marginalia.labelTags';

function readPlacement(): LabelTagPlacement {
  try {
    const stored = globalThis.localStorage?.getItem(LABEL_TAGS_KEY);
    return stored === 'hover' ? 'hover' : 'start';
  } catch {
    // Storage can be disabled: the default it is.
    return 'start';
  }
}

interface LabelTagsState {
  readonly placement: LabelTagPlacement;
  setPlacement(placement: LabelTagPlacement): void;
}

/** The label-name placement store. */
export const useLabelTagsStore = create<LabelTagsState>()((set) => ({
  placement: readPlacement(),
  setPlacement: (placement) => {
    try {
      globalThis.localStorage?.setItem(LABEL_TAGS_KEY, placement);
    } catch {
      // Kept for this session only.
    }
    set({ placement });
  },
}));

/** The short name a span shows for its label: the display name, cut where it would crowd the text. */
export function labelTag(displayName: string): string {
  const chars = [...displayName.trim()];
  return chars.length <= 12 ? chars.join('') : `${chars.slice(0, 11).join('')}…`;
}
