/** The header, on one row: project name, the view tabs, corpus progress, undo/redo, shortcuts and the "⋯" menu of the rest. */
import { useEffect } from 'react';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useListStore } from '../../stores/list-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { undoRedo } from '../workbench/commands.js';
import { countOf } from '../../../shared/plural.js';
import { AnnotatorChooser } from './AnnotatorChooser.js';
import { HeaderMenu } from './HeaderMenu.js';
import { ViewTabs } from './ViewTabs.js';
import { SyncButton } from '../sync/SyncButton.js';

const number = new Intl.NumberFormat();

/** The header bar (and the window title). */
export function Header() {
  const info = useProjectStore((s) => s.info);
  const canUndo = useProjectStore((s) => s.canUndo);
  const canRedo = useProjectStore((s) => s.canRedo);
  const counts = useListStore((s) => s.counts);
  const openDialog = useUiStore((s) => s.openDialog);
  const done = counts?.done ?? 0;
  const all = counts?.all ?? info?.documents ?? 0;
  useEffect(() => {
    document.title = info ? `${info.name} — Marginalia` : 'Marginalia';
  }, [info]);
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  const mod = isMac ? '⌘' : 'Ctrl+';
  return (
    <header className="app-header">
      <h1 className="project-name" title={info ? `${info.name} — ${info.path}` : undefined}>
        {/* The project's name is what tells projects apart; the app's name is in the window title. */}
        {info ? (
          <>
            <span className="visually-hidden">Marginalia: </span>
            <span className="project">{info.name}</span>
          </>
        ) : (
          <span className="app-name">Marginalia</span>
        )}
        {info?.readOnly ? (
          <span className="status-badge" role="status" title={info.readOnly} aria-label={`Read-only project: ${info.readOnly}`}>
            Read-only
          </span>
        ) : null}
      </h1>
      <ViewTabs />
      <AnnotatorChooser />
      <div className="corpus-progress">
        <ProgressBar label="Corpus progress" value={done} max={all} text={`${number.format(done)} of ${countOf(all, 'document')} done`} />
        <span className="progress-text">
          {number.format(done)}/{number.format(all)} done
        </span>
      </div>
      <div className="header-actions">
        <SyncButton />
        <button type="button" onClick={() => void undoRedo('undo')} disabled={!canUndo} title={`Undo (${mod}Z)`} aria-keyshortcuts="Control+Z Meta+Z">
          Undo
        </button>
        <button type="button" onClick={() => void undoRedo('redo')} disabled={!canRedo} title={`Redo (${mod}Shift+Z)`} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y">
          Redo
        </button>
        <button type="button" className="help-button" onClick={() => openDialog('help')} aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)">
          ?
        </button>
        <HeaderMenu />
      </div>
    </header>
  );
}
