/** Files dragged over the window show an overlay; dropping them starts an import. */
import { useEffect, useState } from 'react';
import { useUiStore } from '../../stores/ui-store.js';
import { electronBridge } from '../../api-client.js';
import { importFiles, importPaths } from '../workbench/commands.js';
import { droppedFiles } from './read-files.js';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer !== null && Array.from(event.dataTransfer.types).includes('Files');
}

/** Listens for drags on the whole window; shows the overlay while files are over it. */
export function DropOverlay() {
  const [over, setOver] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed; counting them tells when the drag really left.
    let depth = 0;
    const onEnter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setOver(true);
    };
    const onOver = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onDrop = (event: DragEvent): void => {
      if (!carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      // In the desktop app dropped files and folders are on this disk: import them by path, no upload.
      const bridge = electronBridge();
      if (bridge?.pathForFile) {
        const files = Array.from(event.dataTransfer.files);
        const paths = files.map((file) => bridge.pathForFile?.(file) ?? '').filter((path) => path !== '');
        if (paths.length > 0 && paths.length === files.length) {
          void importPaths(paths);
          return;
        }
      }
      droppedFiles(event.dataTransfer)
        .then((files) => importFiles(files))
        .catch((error: unknown) => useUiStore.getState().reportError(error));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!over) return null;
  return (
    <div className="drop-overlay" aria-live="assertive">
      <div className="drop-message">
        <strong>Drop files or folders to import them</strong>
        <span>Text, Markdown, HTML, JSON, JSON Lines and CSV</span>
      </div>
    </div>
  );
}
