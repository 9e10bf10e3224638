/**
 * The whole window: header with the view tabs, the view on show (Documents:
 * list, document and side panel; Duplicates; Entities), and whichever dialog is open.
 */
import { useEffect } from 'react';
import { assertNever } from '../../../shared/model.js';
import { electronBridge, type MenuCommand } from '../../api-client.js';
import { ErrorBar } from '../../components/ErrorBar.js';
import { StatusLine } from '../../components/StatusLine.js';
import { useUiStore, type DialogName } from '../../stores/ui-store.js';
import { AnnotatorDialog } from '../annotator/AnnotatorDialog.js';
import { AssignmentsDialog } from '../assignments/AssignmentsDialog.js';
import { ConfirmDialog } from '../confirm/ConfirmDialog.js';
import { DocumentPane } from '../document-list/DocumentList.js';
import { DocumentView } from '../document/DocumentView.js';
import { AdjudicationView } from '../adjudication/AdjudicationView.js';
import { AgreementView } from '../agreement/AgreementView.js';
import { DuplicatesView } from '../duplicates/DuplicatesView.js';
import { EntitiesView } from '../entities/EntitiesView.js';
import { OverviewView } from '../overview/OverviewView.js';
import { ExportDialog } from '../export/ExportDialog.js';
import { Header } from '../header/Header.js';
import { viewPanelId, viewTabId } from '../header/ViewTabs.js';
import { ShortcutsHelp } from '../help/ShortcutsHelp.js';
import { DropOverlay } from '../import/DropOverlay.js';
import { ImportDialog } from '../import/ImportDialog.js';
import { LabelManager } from '../labels/LabelManager.js';
import { SettingsDialog } from '../settings/SettingsDialog.js';
import { TagSearchDialog } from '../search/TagSearchDialog.js';
import { SidePanel } from '../side-panel/SidePanel.js';
import { GuidelinesPanel } from '../guidelines/GuidelinesPanel.js';
import { useGuidelinesStore } from '../../stores/guidelines-store.js';
import { useAddress } from './address.js';
import { startWorkbench, undoRedo } from './commands.js';
import { useShortcuts } from './use-shortcuts.js';

function OpenDialog({ dialog }: { readonly dialog: DialogName }) {
  switch (dialog) {
    case 'import':
      return <ImportDialog />;
    case 'export':
      return <ExportDialog />;
    case 'labels':
      return <LabelManager />;
    case 'help':
      return <ShortcutsHelp />;
    case 'annotator':
      return <AnnotatorDialog />;
    case 'settings':
      return <SettingsDialog />;
    case 'confirm':
      return <ConfirmDialog />;
    case 'tag-search':
      return <TagSearchDialog />;
    case 'assignments':
      return <AssignmentsDialog />;
    default:
      return assertNever(dialog);
  }
}

/** What the desktop app's menu items do. */
function runMenuCommand(command: MenuCommand): void {
  switch (command) {
    case 'undo':
    case 'redo':
      void undoRedo(command);
      return;
    case 'import':
    case 'export':
      useUiStore.getState().openDialog(command);
      return;
    default:
      assertNever(command);
  }
}

/** The workbench: loads the project on mount and installs the keyboard shortcuts. */
export function Workbench() {
  const dialog = useUiStore((s) => s.dialog);
  const view = useUiStore((s) => s.view);
  const documentsShown = view === 'documents';
  const guidelinesShown = useGuidelinesStore((s) => s.open);
  useShortcuts();
  useAddress();
  useEffect(() => {
    void startWorkbench();
  }, []);
  useEffect(() => electronBridge()?.onMenuCommand?.(runMenuCommand), []);
  return (
    <div className="workbench">
      <Header />
      <ErrorBar />
      <div className="views">
        {/* The Documents view stays mounted under the others, so its scroll and drawn blocks survive a visit elsewhere. */}
        <div
          className={`panes${guidelinesShown ? ' with-guidelines' : ''}${documentsShown ? '' : ' view-hidden'}`}
          id={viewPanelId('documents')}
          role="tabpanel"
          aria-labelledby={viewTabId('documents')}
          inert={!documentsShown}
        >
          <DocumentPane />
          <DocumentView />
          <GuidelinesPanel />
          <SidePanel />
        </div>
        {view === 'duplicates' ? <DuplicatesView /> : null}
        {view === 'entities' ? <EntitiesView /> : null}
        {view === 'agreement' ? <AgreementView /> : null}
        {view === 'adjudication' ? <AdjudicationView /> : null}
        {view === 'overview' ? <OverviewView /> : null}
      </div>
      <StatusLine onUndo={() => void undoRedo('undo')} />
      {dialog !== null ? <OpenDialog key={dialog} dialog={dialog} /> : null}
      <DropOverlay />
    </div>
  );
}
