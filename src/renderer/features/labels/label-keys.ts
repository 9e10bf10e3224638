/** Checks a label's shortcut key against the workbench's own keys and the other labels. */
import type { LabelDto } from '../../../shared/api.js';
import { RESERVED_KEYS } from '../help/shortcuts.js';

/** Why `key` cannot be the shortcut of label `own` (null for a new label), or null when it can. */
export function keyProblem(key: string, labels: readonly LabelDto[], own: string | null): string | null {
  if (key === '') return null;
  if ([...key].length !== 1) return 'one character';
  if (RESERVED_KEYS.includes(key)) return `${key} is a workbench shortcut`;
  const holder = labels.find((label) => label.shortcutKey === key && label.name !== own);
  return holder ? `used by ${holder.displayName}` : null;
}
