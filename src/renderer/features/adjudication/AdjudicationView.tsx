/** The Adjudication view: the documents where annotators disagree, and the one on show, decided one disagreement at a time. */
import { plural } from '../duplicates/cluster-names.js';
import { viewPanelId, viewTabId } from '../header/ViewTabs.js';
import { useAdjudicationList } from '../../stores/adjudication-store.js';
import { AdjudicationList, AdjudicationTabs } from './AdjudicationList.js';
import { DisagreementPanel } from './DisagreementPanel.js';

/** "3 documents open, 2 settled" above the list. */
function ListSummary() {
  const counts = useAdjudicationList((s) => s.extra);
  if (!counts) return null;
  return <p className="list-count adj-summary">{`${plural(counts.open, 'document')} open, ${counts.settled} settled`}</p>;
}

/** The whole Adjudication view. */
export function AdjudicationView() {
  return (
    <div className="view adjudication-view" id={viewPanelId('adjudication')} role="tabpanel" aria-labelledby={viewTabId('adjudication')}>
      <nav className="list-pane" aria-label="Adjudication list">
        <ListSummary />
        <AdjudicationTabs />
        <AdjudicationList />
      </nav>
      <DisagreementPanel />
    </div>
  );
}
