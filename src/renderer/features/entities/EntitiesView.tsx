/** The Entities view: every entity (list and detail) and the suggested links, on two tabs. */
import { useRef, type KeyboardEvent } from 'react';
import { useEntitiesStore, useEntityList, type EntitiesTab } from '../../stores/entities-store.js';
import { useSuggestionsStore } from '../../stores/suggestions-store.js';
import { viewPanelId, viewTabId } from '../header/ViewTabs.js';
import { EntityDetail } from './EntityDetail.js';
import { EntityList } from './EntityList.js';
import { EntityListControls } from './EntityListControls.js';
import { SuggestionsPanel } from './SuggestionsPanel.js';

const TABS: readonly { readonly tab: EntitiesTab; readonly title: string }[] = [
  { tab: 'entities', title: 'All entities' },
  { tab: 'suggestions', title: 'Suggestions' },
];

/** Shows one of the view's tabs, loading it the first time. */
function chooseEntitiesTab(tab: EntitiesTab): void {
  useEntitiesStore.getState().setTab(tab);
  if (tab === 'suggestions') void useSuggestionsStore.getState().reload();
  else if (!useEntityList.getState().loaded) void useEntityList.getState().refresh();
}

function EntitiesTabs() {
  const current = useEntitiesStore((s) => s.tab);
  const total = useSuggestionsStore((s) => (s.loaded ? s.total : null));
  const refs = useRef(new Map<EntitiesTab, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next: EntitiesTab = current === 'entities' ? 'suggestions' : 'entities';
    chooseEntitiesTab(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div className="status-tabs entities-tabs" role="tablist" aria-label="Entity lists" onKeyDown={onKeyDown}>
      {TABS.map(({ tab, title }) => (
        <button
          key={tab}
          ref={(element) => {
            if (element) refs.current.set(tab, element);
            else refs.current.delete(tab);
          }}
          type="button"
          role="tab"
          aria-selected={tab === current}
          tabIndex={tab === current ? 0 : -1}
          className={tab === current ? 'status-tab current' : 'status-tab'}
          onClick={() => chooseEntitiesTab(tab)}
        >
          {title}
          {tab === 'suggestions' && total !== null ? <span className="count"> ({total})</span> : null}
        </button>
      ))}
    </div>
  );
}

/** The whole Entities view. */
export function EntitiesView() {
  const tab = useEntitiesStore((s) => s.tab);
  return (
    <div className="view entities-view" id={viewPanelId('entities')} role="tabpanel" aria-labelledby={viewTabId('entities')}>
      <EntitiesTabs />
      {tab === 'entities' ? (
        <div className="entities-panes">
          <nav className="list-pane" aria-label="Entity list">
            <EntityListControls />
            <EntityList />
          </nav>
          <div className="entity-pane">
            <EntityDetail />
          </div>
        </div>
      ) : (
        <SuggestionsPanel />
      )}
    </div>
  );
}
