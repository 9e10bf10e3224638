/**
 * The header's "⋯" menu: the actions used now and then (import, export, labels,
 * settings, the annotator's name), so the header keeps to one row. It is a
 * native popover, so the browser closes it on Escape or a click elsewhere and
 * puts the focus back on the button.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useUiStore, type DialogName } from '../../stores/ui-store.js';

const MENU_ID = 'header-menu';

interface Item {
  readonly text: string;
  readonly dialog: DialogName;
  readonly title?: string;
}

/** The "⋯" button and its menu. */
export function HeaderMenu() {
  const annotator = useUiStore((s) => s.annotator);
  const menu = useRef<HTMLDivElement>(null);
  const items: readonly Item[] = [
    { text: 'Import…', dialog: 'import' },
    { text: 'Export…', dialog: 'export' },
    { text: 'Labels…', dialog: 'labels' },
    { text: 'Assign documents…', dialog: 'assignments', title: 'Each annotator’s queue; deal documents out to them' },
    { text: 'Settings…', dialog: 'settings', title: 'Theme, text size, how dates are read, proposing spans on import' },
    { text: annotator !== null ? `Annotator: ${annotator}…` : 'Set your name…', dialog: 'annotator', title: 'Change the annotator’s name' },
  ];

  // Opened: the first item takes the focus, so arrows and Enter work at once.
  useEffect(() => {
    const element = menu.current;
    if (!element) return;
    const onToggle = (event: Event): void => {
      if ((event as ToggleEvent).newState === 'open') element.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    };
    element.addEventListener('toggle', onToggle);
    return () => element.removeEventListener('toggle', onToggle);
  }, []);

  const choose = (dialog: DialogName): void => {
    menu.current?.hidePopover();
    useUiStore.getState().openDialog(dialog);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) entries[(at + step + entries.length) % entries.length]?.focus();
    else if (event.key === 'Home') entries[0]?.focus();
    else if (event.key === 'End') entries.at(-1)?.focus();
    else if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'Tab') {
      // Letters would reach the workbench's shortcuts behind the menu.
      if (event.key !== 'Escape') event.preventDefault();
      return;
    }
    if (step !== 0 || event.key === 'Home' || event.key === 'End') event.preventDefault();
  };

  return (
    <>
      <button type="button" className="help-button" popoverTarget={MENU_ID} aria-haspopup="menu" aria-controls={MENU_ID} aria-label="More actions" title="More: import, export, labels, settings, your name">
        ⋯
      </button>
      <div id={MENU_ID} ref={menu} popover="auto" role="menu" aria-label="More actions" className="header-menu" onKeyDown={onKeyDown}>
        {items.map((item) => (
          <button key={item.dialog} type="button" role="menuitem" tabIndex={-1} title={item.title} onClick={() => choose(item.dialog)}>
            {item.text}
          </button>
        ))}
      </div>
    </>
  );
}
