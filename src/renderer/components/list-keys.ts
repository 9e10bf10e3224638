/** The keys every list of the workbench answers the same way. */
import type { KeyboardEvent } from 'react';

export interface ListMoves {
  /** Show the item `step` rows away from the current one. */
  readonly move: (step: 1 | -1) => void;
  /** Show the item at `index`. */
  readonly showAt: (index: number) => void;
  readonly total: number;
}

/** ↓ / ↑ to the next / previous item, Home / End to the first / last; other keys (and modified ones) are left alone. */
export function onListKey(event: KeyboardEvent<HTMLElement>, moves: ListMoves): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      event.preventDefault();
      moves.move(event.key === 'ArrowDown' ? 1 : -1);
      return;
    case 'Home':
      event.preventDefault();
      moves.showAt(0);
      return;
    case 'End':
      event.preventDefault();
      if (moves.total > 0) moves.showAt(moves.total - 1);
      return;
    default:
      return;
  }
}
