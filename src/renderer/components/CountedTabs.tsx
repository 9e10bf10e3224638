/**
 * A row of tabs over a list (cluster status, adjudication status, entity
 * lists), each with an optional count. Left and right arrows move between
 * them with focus, as a tablist does.
 */
import { useRef, type KeyboardEvent } from 'react';

export interface CountedTab<Id extends string> {
  readonly id: Id;
  readonly title: string;
  /** Shown after the title in brackets; null while unknown. */
  readonly count: number | null;
}

export interface CountedTabsProps<Id extends string> {
  /** The tablist's accessible name. */
  readonly label: string;
  readonly tabs: readonly CountedTab<Id>[];
  readonly current: Id;
  readonly onChoose: (id: Id) => void;
  readonly className?: string;
}

/** The tablist. */
export function CountedTabs<Id extends string>({ label, tabs, current, onChoose, className }: CountedTabsProps<Id>) {
  const refs = useRef(new Map<Id, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = tabs.findIndex((tab) => tab.id === current);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    onChoose(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div className={className ? `status-tabs ${className}` : 'status-tabs'} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(element) => {
            if (element) refs.current.set(tab.id, element);
            else refs.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          aria-selected={tab.id === current}
          tabIndex={tab.id === current ? 0 : -1}
          className={tab.id === current ? 'status-tab current' : 'status-tab'}
          onClick={() => onChoose(tab.id)}
        >
          {tab.title}
          {tab.count !== null ? <span className="count"> ({tab.count})</span> : null}
        </button>
      ))}
    </div>
  );
}
