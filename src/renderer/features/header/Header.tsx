/** The header: project name, the view tabs, corpus progress, annotator, undo/redo and the dialogs. */
import { useEffect } from 'react';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useListStore } from '../../stores/list-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { undoRedo } from '../workbench/commands.js';
import { ViewTabs } from './ViewTabs.js';

const number = new Intl.NumberFormat();

/** The header bar (and the window title). */
export function Header() {
  const info = useProjectStore((s) => s.info);
  const canUndo = useProjectStore((s) => s.canUndo);
  const canRedo = useProjectStore((s) => s.canRedo);
  const counts = useListStore((s) => s.counts);
  const annotator = useUiStore((s) => s.annotator);
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
      <h1 className="project-name" title={info?.path}>
        <span className="app-name">Marginalia</span>
        {info ? <span className="project"> · {info.name}</span> : null}
        {info?.readOnly ? (
          <span className="status-badge" role="status" title={info.readOnly} aria-label={`Read-only project: ${info.readOnly}`}>
            Read-only
          </span>
        ) : null}
      </h1>
      <ViewTabs />
      <div className="corpus-progress">
        <ProgressBar label="Corpus progress" value={done} max={all} text={`${number.format(done)} of ${number.format(all)} documents done`} />
        <span className="progress-text">
          {number.format(done)}/{number.format(all)} done
        </span>
      </div>
      <div className="header-actions">
        <button type="button" onClick={() => void undoRedo('undo')} disabled={!canUndo} title={`Undo (${mod}Z)`} aria-keyshortcuts="Control+Z Meta+Z">
          Undo
        </button>
        <button type="button" onClick={() => void undoRedo('redo')} disabled={!canRedo} title={`Redo (${mod}Shift+Z)`} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y">
          Redo
        </button>
        <button type="button" className="annotator" onClick={() => openDialog('annotator')} title="Change the annotator's name">
          {annotator !== null ? `Annotator: ${annotator}` : 'Set your name…'}
        </button>
        <button type="button" onClick={() => openDialog('import')}>
          Import…
        </button>
        <button type="button" onClick={() => openDialog('export')}>
          Export…
        </button>
        <button type="button" onClick={() => openDialog('labels')}>
          Labels…
        </button>
        <button type="button" className="help-button" onClick={() => openDialog('settings')} aria-label="Settings" title="Project settings: how dates are read, proposing spans on import">
          ⚙
        </button>
        <button type="button" className="help-button" onClick={() => openDialog('help')} aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </header>
  );
}
