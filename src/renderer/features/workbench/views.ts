/** Switching between the workbench's views, loading what a view shows the first time it opens. */
import { assertNever } from '../../../shared/model.js';
import { useEntitiesStore, useEntityList } from '../../stores/entities-store.js';
import { useSuggestionsStore } from '../../stores/suggestions-store.js';
import { useUiStore, type ViewName } from '../../stores/ui-store.js';
import { showAdjudicationView } from '../adjudication/adjudication-commands.js';
import { showAgreementView } from '../agreement/agreement-commands.js';
import { showDuplicatesView } from '../duplicates/duplicate-commands.js';
import { showOverviewView } from '../overview/overview-commands.js';

/** Switches to the Entities view, loading the tab on show the first time. */
export function showEntitiesView(): void {
  useUiStore.getState().setView('entities');
  if (useEntitiesStore.getState().tab === 'suggestions') {
    if (!useSuggestionsStore.getState().loaded) void useSuggestionsStore.getState().reload();
  } else if (!useEntityList.getState().loaded) void useEntityList.getState().refresh();
}

/** Switches to `view`. */
export function showView(view: ViewName): void {
  switch (view) {
    case 'documents':
      useUiStore.getState().setView('documents');
      return;
    case 'duplicates':
      showDuplicatesView();
      return;
    case 'entities':
      showEntitiesView();
      return;
    case 'agreement':
      showAgreementView();
      return;
    case 'adjudication':
      showAdjudicationView();
      return;
    case 'overview':
      showOverviewView();
      return;
    default:
      assertNever(view);
  }
}

/** The view's name in the header's tabs. */
export function viewTitle(view: ViewName): string {
  switch (view) {
    case 'documents':
      return 'Documents';
    case 'duplicates':
      return 'Duplicates';
    case 'entities':
      return 'Entities';
    case 'agreement':
      return 'Agreement';
    case 'adjudication':
      return 'Adjudication';
    case 'overview':
      return 'Overview';
    default:
      return assertNever(view);
  }
}

/** The second key after G that opens each view. */
export const VIEW_KEYS: Readonly<Record<ViewName, string>> = {
  documents: 'd',
  duplicates: 'u',
  entities: 'e',
  agreement: 'a',
  adjudication: 'j',
  overview: 'o',
};
