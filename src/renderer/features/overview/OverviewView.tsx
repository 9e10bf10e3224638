/** The Overview view: the project at a glance, one chart card per figure. */
import { lazy, Suspense, useEffect } from 'react';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useOverviewStore } from '../../stores/overview-store.js';
import { viewPanelId, viewTabId } from '../header/ViewTabs.js';
import { refreshOverview } from './overview-commands.js';
import { AnnotatorProgress } from './AnnotatorProgress.js';

const OverviewGrid = lazy(async () => ({ default: (await import('./OverviewGrid.js')).OverviewGrid }));

function updatedText(updatedAt: number | null, loading: boolean): string {
  if (loading) return 'Reading the project…';
  if (updatedAt === null) return '';
  return `Figures as of ${new Date(updatedAt).toLocaleTimeString()}.`;
}

/** The whole Overview view. */
export function OverviewView() {
  const overview = useOverviewStore((s) => s.overview);
  const loading = useOverviewStore((s) => s.loading);
  const updatedAt = useOverviewStore((s) => s.updatedAt);
  const labels = useLabelsStore((s) => s.labels);

  useEffect(() => {
    // Shown without going through showOverviewView (nothing read yet): read now.
    const state = useOverviewStore.getState();
    if (state.updatedAt === null && !state.loading) void state.refresh();
  }, []);

  return (
    <section className="view overview-view" id={viewPanelId('overview')} role="tabpanel" aria-labelledby={viewTabId('overview')} aria-busy={loading}>
      <header className="view-bar">
        <h2>Overview</h2>
        <p className="hint" role="status">
          {updatedText(updatedAt, loading)}
        </p>
        <button type="button" onClick={() => void refreshOverview()} disabled={loading} aria-keyshortcuts="R">
          Refresh
        </button>
      </header>
      {overview === null ? (
        <p className="overview-empty">{loading ? 'Reading the project…' : 'No figures yet.'}</p>
      ) : (
        <>
          <AnnotatorProgress progress={overview.annotatorProgress} />
          <Suspense fallback={<p className="overview-empty">Loading the charts…</p>}>
            <OverviewGrid overview={overview} labels={labels} />
          </Suspense>
        </>
      )}
    </section>
  );
}
