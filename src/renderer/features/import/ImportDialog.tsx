/**
 * Import: choose files (uploaded as base64), or name paths on the machine
 * running Marginalia (useful in Electron), then follow the job to its summary
 * and the list of refused files.
 */
import { useRef, useState } from 'react';
import { electronBridge } from '../../api-client.js';
import { Dialog } from '../../components/Dialog.js';
import { JobProgress } from '../../components/JobProgress.js';
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { importFiles, importPaths } from '../workbench/commands.js';
import { formatBytes } from './read-files.js';

/** The Import dialog. */
export function ImportDialog() {
  const close = useUiStore((s) => s.closeDialog);
  const reportError = useUiStore((s) => s.reportError);
  const job = useJobsStore((s) => s.import);
  const preparing = useJobsStore((s) => s.preparing.import);
  const [files, setFiles] = useState<readonly File[]>([]);
  const [paths, setPaths] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = preparing !== null || isRunning(job);
  const size = files.reduce((sum, file) => sum + file.size, 0);

  const startFiles = (): void => {
    const chosen = files;
    setFiles([]);
    if (fileInput.current) fileInput.current.value = '';
    void importFiles(chosen);
  };
  const startPaths = (): void => {
    const list = paths
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (list.length === 0) return;
    void importPaths(list);
  };
  const bridge = electronBridge();
  const choose = async (folders: boolean): Promise<void> => {
    try {
      const chosen = (await bridge?.chooseFiles?.({ folders })) ?? [];
      if (chosen.length > 0) void importPaths(chosen);
    } catch (error) {
      reportError(error);
    }
  };
  const cancel = (): void => {
    void useJobsStore.getState().cancel('import').catch(reportError);
  };

  return (
    <Dialog label="Import" heading="Import documents" onClose={close} className="import-dialog" closeText={busy ? 'Hide (the import goes on)' : 'Close'}>
      {bridge?.chooseFiles ? (
        <section>
          <h3>From this computer</h3>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void choose(false)} disabled={busy}>
              Choose files…
            </button>
            <button type="button" onClick={() => void choose(true)} disabled={busy}>
              Choose a folder…
            </button>
          </div>
        </section>
      ) : null}
      <section>
        <h3>{bridge?.chooseFiles ? 'Or upload files' : 'Files from this computer'}</h3>
        <p className="hint">Plain text, Markdown, HTML, JSON, JSON Lines or CSV. You can also drop files or folders anywhere on the window.</p>
        <div className="button-row">
          <input
            ref={fileInput}
            type="file"
            multiple
            aria-label="Files to import"
            accept=".txt,.md,.markdown,.html,.htm,.json,.jsonl,.ndjson,.csv,.tsv,text/*,application/json"
            onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
            disabled={busy}
          />
          {files.length > 0 ? (
            <p className="hint">
              {files.length} {files.length === 1 ? 'file' : 'files'}, {formatBytes(size)}
            </p>
          ) : null}
          <button type="button" className="primary" onClick={startFiles} disabled={busy || files.length === 0}>
            Import {files.length > 0 ? `${files.length} ${files.length === 1 ? 'file' : 'files'}` : 'files'}
          </button>
        </div>
      </section>
      <section>
        <h3>Paths on the machine running Marginalia</h3>
        <label>
          <span className="hint">One file or folder per line (folders are read recursively).</span>
          <textarea value={paths} onChange={(event) => setPaths(event.target.value)} rows={3} placeholder="/home/me/corpus" aria-label="Paths to import" disabled={busy} spellCheck={false} />
        </label>
        <button type="button" onClick={startPaths} disabled={busy || paths.trim() === ''}>
          Import paths
        </button>
      </section>
      {preparing !== null ? (
        <p className="job-status" role="status">
          <span className="spinner" aria-hidden="true" /> {preparing.message}
        </p>
      ) : null}
      {job ? (
        <section aria-label="Import progress">
          <h3>Progress</h3>
          <JobProgress job={job} label="Import progress" onCancel={cancel} />
        </section>
      ) : null}
    </Dialog>
  );
}
