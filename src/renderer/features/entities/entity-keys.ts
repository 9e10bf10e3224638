/** The Entities view's keys (listed for users in help/shortcuts.ts). */
import { ENTITY_NAME_FIELD_ID, MERGE_TARGET_FIELD_NAME } from '../../components/element-ids.js';
import { useEntitiesStore } from '../../stores/entities-store.js';
import { useSuggestionsStore } from '../../stores/suggestions-store.js';
import { decideSuggestions, focusEntitySearch, mergeEntities, moveEntity } from './entity-commands.js';
import { goBackFrom, ownedByControl } from '../workbench/view-keys.js';

function onSuggestionsKey(event: KeyboardEvent): boolean {
  const suggestions = useSuggestionsStore.getState();
  switch (event.key) {
    case 'j':
    case 'J':
    case 'ArrowDown':
      suggestions.moveCursor(1);
      return true;
    case 'k':
    case 'K':
    case 'ArrowUp':
      suggestions.moveCursor(-1);
      return true;
    case ' ': {
      const item = suggestions.items[suggestions.cursor];
      if (!item) return false;
      suggestions.toggle(item.key);
      return true;
    }
    case 'a':
    case 'A':
      void decideSuggestions([...suggestions.chosen], true);
      return true;
    case 'x':
    case 'X':
      void decideSuggestions([...suggestions.chosen], false);
      return true;
    case 'Escape':
      if (suggestions.chosen.size > 0) {
        suggestions.setAll(false);
        return true;
      }
      return goBackFrom('entities');
    default:
      return false;
  }
}

function onEntityListKey(event: KeyboardEvent): boolean {
  const store = useEntitiesStore.getState();
  switch (event.key) {
    case 'j':
    case 'J':
      void moveEntity(1, event.shiftKey);
      return true;
    case 'k':
    case 'K':
      void moveEntity(-1, event.shiftKey);
      return true;
    case 'ArrowDown':
    case 'ArrowUp':
      void moveEntity(event.key === 'ArrowDown' ? 1 : -1, event.shiftKey);
      return true;
    case ' ': {
      const current = store.detail;
      if (!current) return false;
      void store.toggleSelected(current, store.cursor);
      return true;
    }
    case '/':
      focusEntitySearch();
      return true;
    case 'r':
    case 'R': {
      const field = document.getElementById(ENTITY_NAME_FIELD_ID);
      if (!(field instanceof HTMLInputElement)) return false;
      field.focus();
      field.select();
      return true;
    }
    case 'm':
    case 'M': {
      // The merge form's chosen target is the entity kept.
      const target = document.querySelector<HTMLInputElement>(`input[name="${MERGE_TARGET_FIELD_NAME}"]:checked`);
      if (!target || store.selected.size < 2) return false;
      void mergeEntities(Number(target.value), [...store.selected.keys()]);
      return true;
    }
    case 'Escape':
      if (store.selected.size > 1 && store.detail) {
        void store.pick(store.detail, store.cursor);
        return true;
      }
      return goBackFrom('entities');
    default:
      return false;
  }
}

/** Handles a key pressed in the Entities view; false when it means nothing here. */
export function onEntitiesKey(event: KeyboardEvent): boolean {
  if (event.altKey || ownedByControl(event)) return false;
  return useEntitiesStore.getState().tab === 'suggestions' ? onSuggestionsKey(event) : onEntityListKey(event);
}
