/** The Entities view: every entity (list and detail) and the suggested links, on two tabs. */
import { CountedTabs } from '../../components/CountedTabs.js';
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
  const tabs = TABS.map(({ tab, title }) => ({ id: tab, title, count: tab === 'suggestions' ? total : null }));
  return <CountedTabs label="Entity lists" className="entities-tabs" tabs={tabs} current={current} onChoose={chooseEntitiesTab} />;
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
