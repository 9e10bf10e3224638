/**
 * Export: pick a format, which spans (status, labels, annotators) and for CSV a BOM. In
 * browser mode the file can be downloaded or written to a path on the machine
 * running Marginalia; in Electron it is written to a path.
 */
import { useEffect, useState } from 'react';
import { ADJUDICATOR, EXPORT_FORMATS } from '../../../shared/model.js';
import type { SPAN_STATUSES } from '../../../shared/model.js';
import { call, downloadExportUrl, electronBridge, transportKind } from '../../api-client.js';
import { Dialog } from '../../components/Dialog.js';
import { JobProgress } from '../../components/JobProgress.js';
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { exportToPath } from '../workbench/commands.js';

// brat writes a folder, which a download or a single path cannot hold.
type Format = Exclude<(typeof EXPORT_FORMATS)[number], 'brat'>;
type StatusFilter = (typeof SPAN_STATUSES)[number] | 'all';
type AnnotatorChoice = 'everyone' | 'adjudicated' | 'named';


const FORMAT_NAMES: Readonly<Record<Format, string>> = {
  jsonl: 'JSON Lines (one document per line)',
  json: 'JSON (one array)',
  csv: 'CSV (one span per row)',
  doccano: 'doccano JSONL (UTF-16 offsets)',
  spacy: 'spaCy / Prodigy JSONL (tokens and spans)',
  labelstudio: 'Label Studio JSON (tasks)',
  webanno: 'W3C Web Annotation (JSON-LD)',
  conll: 'CoNLL / IOB2 (one token a line)',
  bundle: 'Project bundle (zip: everything, for another computer)',
};

/** The file name extension each format is saved with. */
const EXTENSIONS: Readonly<Record<Format, string>> = { jsonl: 'jsonl', json: 'json', csv: 'csv', doccano: 'jsonl', spacy: 'jsonl', labelstudio: 'json', webanno: 'jsonld', conll: 'conll', bundle: 'zip' };

/** The Export dialog. */
export function ExportDialog() {
  const close = useUiStore((s) => s.closeDialog);
  const reportError = useUiStore((s) => s.reportError);
  const labels = useLabelsStore((s) => s.labels);
  const projectName = useProjectStore((s) => s.info?.name ?? 'marginalia');
  const job = useJobsStore((s) => s.export);
  const preparing = useJobsStore((s) => s.preparing.export);
  const [format, setFormat] = useState<Format>('jsonl');
  const [status, setStatus] = useState<StatusFilter>('accepted');
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [bom, setBom] = useState(false);
  const [annotatorChoice, setAnnotatorChoice] = useState<AnnotatorChoice>('everyone');
  const [named, setNamed] = useState<ReadonlySet<string>>(new Set());
  // Who has spans in the project, to pick from (read once per opening of the dialog).
  const [annotators, setAnnotators] = useState<readonly string[]>([]);
  useEffect(() => {
    call('annotators:list', {}).then((list) => setAnnotators(list.map((a) => a.name)), reportError);
  }, [reportError]);
  const [path, setPath] = useState('');
  const browser = transportKind() === 'browser';
  const bridge = electronBridge();
  const busy = preparing !== null || isRunning(job);

  const chosenLabels = labels.filter((label) => !excluded.has(label.name)).map((label) => label.name);
  // Every label ticked means no label filter at all (labels added later are included too).
  const labelFilter = excluded.size === 0 ? undefined : chosenLabels;
  const annotatorFilter = annotatorChoice === 'everyone' ? undefined : annotatorChoice === 'adjudicated' ? [ADJUDICATOR] : annotators.filter((name) => named.has(name));
  // A bundle is the whole project: it takes every annotator's spans.
  const chosenAnnotators = format === 'bundle' ? undefined : annotatorFilter;
  const noAnnotatorNamed = chosenAnnotators !== undefined && chosenAnnotators.length === 0;
  const nothingChosen = (labels.length > 0 && chosenLabels.length === 0) || noAnnotatorNamed;
  const filters = { ...(labelFilter ? { labels: labelFilter } : {}), ...(chosenAnnotators ? { annotators: chosenAnnotators } : {}) };
  const extension = EXTENSIONS[format];
  // One name for the download and the path field, so the file saved is the one the dialog suggests.
  const fileName = `${projectName.replace(/\.[^.]*$/, '')}-export.${extension}`;
  const suggestedPath = path.trim() === '' ? fileName : path;

  const toggleNamed = (name: string, on: boolean): void => {
    const next = new Set(named);
    if (on) next.add(name);
    else next.delete(name);
    setNamed(next);
  };

  const toggle = (name: string, on: boolean): void => {
    const next = new Set(excluded);
    if (on) next.delete(name);
    else next.add(name);
    setExcluded(next);
  };

  return (
    <Dialog label="Export" heading="Export the dataset" onClose={close} className="export-dialog" closeText="Close">
      <fieldset>
        <legend>Format</legend>
        {EXPORT_FORMATS.filter((f): f is Format => f !== 'brat').map((f) => (
          <label key={f} className="radio">
            <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
            {FORMAT_NAMES[f]}
          </label>
        ))}
      </fieldset>
      <label>
        Spans{' '}
        <select value={status} onChange={(event) => setStatus(event.target.value as StatusFilter)} aria-label="Span status">
          <option value="accepted">accepted only</option>
          <option value="suggested">suggested only</option>
          <option value="rejected">rejected only</option>
          <option value="all">all statuses</option>
        </select>
      </label>
      <fieldset>
        <legend>Labels</legend>
        {labels.map((label) => (
          <label key={label.name} className="checkbox">
            <input type="checkbox" checked={!excluded.has(label.name)} onChange={(event) => toggle(label.name, event.target.checked)} />
            {label.displayName}
          </label>
        ))}
        {labels.length > 0 && chosenLabels.length === 0 ? <p className="hint">Tick at least one label.</p> : null}
      </fieldset>
      {format !== 'bundle' ? (
        <fieldset>
          <legend>Annotators</legend>
          <label className="radio">
            <input type="radio" name="export-annotators" checked={annotatorChoice === 'everyone'} onChange={() => setAnnotatorChoice('everyone')} />
            Every annotator’s spans
          </label>
          <label className="radio">
            <input
              type="radio"
              name="export-annotators"
              checked={annotatorChoice === 'adjudicated'}
              disabled={!annotators.includes(ADJUDICATOR)}
              onChange={() => setAnnotatorChoice('adjudicated')}
            />
            The adjudicated result only
          </label>
          <label className="radio">
            <input type="radio" name="export-annotators" checked={annotatorChoice === 'named'} onChange={() => setAnnotatorChoice('named')} />
            Only these annotators:
          </label>
          <div className="annotator-choices" role="group" aria-label="Annotators to export">
            {annotators.map((name) => (
              <label key={name} className="checkbox">
                <input
                  type="checkbox"
                  checked={named.has(name)}
                  disabled={annotatorChoice !== 'named'}
                  onChange={(event) => toggleNamed(name, event.target.checked)}
                />
                {name}
              </label>
            ))}
          </div>
          {noAnnotatorNamed ? <p className="hint">Tick at least one annotator.</p> : null}
        </fieldset>
      ) : null}
      {format === 'csv' ? (
        <label className="checkbox">
          <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} />
          Start with a byte order mark (for Excel)
        </label>
      ) : null}
      <div className="export-actions">
        {browser ? (
          <section>
            <h3>Download</h3>
            <p className="hint">Your browser saves the file where it keeps downloads.</p>
            <a
              className={nothingChosen ? 'button primary disabled' : 'button primary'}
              aria-disabled={nothingChosen}
              href={nothingChosen ? undefined : downloadExportUrl({ format, status, ...filters, bom: format === 'csv' && bom, fileName })}
              download={fileName}
            >
              Download {fileName}
            </a>
          </section>
        ) : null}
        <section>
          <h3>Save to path…</h3>
          <label>
            <span className="hint">A file path on the machine running Marginalia.</span>
            <input type="text" value={path} placeholder={suggestedPath} onChange={(event) => setPath(event.target.value)} aria-label="Export path" spellCheck={false} />
          </label>
          {bridge?.chooseSavePath ? (
            <button
              type="button"
              onClick={() =>
                void bridge.chooseSavePath?.({ defaultName: suggestedPath }).then((chosen) => {
                  if (chosen) setPath(chosen);
                }, reportError)
              }
            >
              Choose…
            </button>
          ) : null}
          <button
            type="button"
            className={browser ? undefined : 'primary'}
            disabled={busy || nothingChosen || path.trim() === ''}
            onClick={() => void exportToPath({ format, status, ...filters, bom, path: path.trim() })}
          >
            Save to path
          </button>
        </section>
      </div>
      {preparing !== null ? (
        <p className="job-status" role="status">
          <span className="spinner" aria-hidden="true" /> {preparing.message}
        </p>
      ) : null}
      {job ? <JobProgress job={job} label="Export progress" onCancel={() => void useJobsStore.getState().cancel('export').catch(reportError)} /> : null}
    </Dialog>
  );
}
