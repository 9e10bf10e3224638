/**
 * Tag from search: "tag every match of this search as LABEL". Choosing a label
 * shows what it would do first — how many places in how many documents, the
 * places already tagged or in noise that are left alone, and the first places
 * with their context — then one button tags them all as a job in the
 * background, which one undo takes back.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { TagQueryPreviewDto } from '../../../shared/api.js';
import { countOf } from '../../../shared/plural.js';
import { call, errorMessage } from '../../api-client.js';
import { Dialog } from '../../components/Dialog.js';
import { JobProgress } from '../../components/JobProgress.js';
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useListStore } from '../../stores/list-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { cancelTagSearch, tagSearch } from './tag-search-commands.js';

function Preview({ preview, labelName }: { readonly preview: TagQueryPreviewDto; readonly labelName: string }) {
  const left = [
    preview.alreadyTagged > 0 ? `${countOf(preview.alreadyTagged, 'match', 'matches')} already tagged ${labelName}` : '',
    preview.inNoise > 0 ? `${countOf(preview.inNoise, 'match', 'matches')} in noise` : '',
  ].filter((part) => part !== '');
  return (
    <div className="tag-search-preview">
      <p role="status">
        {preview.places === 0
          ? `Nothing to tag: no untagged “${preview.phrase}” as whole words in the corpus.`
          : `“${preview.phrase}” will be tagged as ${labelName} in ${countOf(preview.places, 'place')} in ${countOf(preview.documents, 'document')}.`}
        {left.length > 0 ? ` Left alone: ${left.join(', ')}.` : ''}
        {preview.searchPending > 0 ? ` ${countOf(preview.searchPending, 'document')} not indexed for search yet ${preview.searchPending === 1 ? 'is' : 'are'} left out.` : ''}
      </p>
      {preview.sample.length > 0 ? (
        <ol className="tag-search-places" aria-label="Places to tag">
          {preview.sample.map((place) => (
            <li key={`${place.documentId}:${place.startCp}`}>
              <span className="tag-search-doc">
                #{place.documentId} {place.title}:
              </span>{' '}
              …{place.before}
              <mark>{place.match}</mark>
              {place.after}…
            </li>
          ))}
        </ol>
      ) : null}
      {preview.places > preview.sample.length ? <p className="hint">…and {countOf(preview.places - preview.sample.length, 'more place', 'more places')}.</p> : null}
    </div>
  );
}

/** The Tag matches dialog, for the document list's current search. */
export function TagSearchDialog() {
  const close = useUiStore((s) => s.closeDialog);
  const query = useListStore((s) => s.filters.query.trim());
  const labels = useLabelsStore((s) => s.labels);
  const job = useJobsStore((s) => s.tag);
  const preparing = useJobsStore((s) => s.preparing.tag);
  const [label, setLabel] = useState('');
  const [preview, setPreview] = useState<TagQueryPreviewDto | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [started, setStarted] = useState(false);

  useEffect(() => {
    setPreview(null);
    setProblem(null);
    if (label === '' || query === '') return;
    let live = true;
    call('search:tagPreview', { query, label })
      .then((answer) => live && setPreview(answer))
      .catch((error: unknown) => live && setProblem(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [label, query]);

  const labelName = labels.find((each) => each.name === label)?.displayName ?? label;
  const running = preparing !== null || isRunning(job);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!preview || preview.places === 0 || running) return;
    setStarted(true);
    void tagSearch(query, label, preview);
  };
  return (
    <Dialog label="Tag matches" heading="Tag every match of the search" onClose={close} className="tag-search-dialog">
      <form onSubmit={submit}>
        {query === '' ? <p>Search the documents first: the search's words are what gets tagged.</p> : null}
        <p>
          The words <strong>“{query}”</strong>, in this order, wherever they stand as whole words (any case).
        </p>
        <label>
          Label{' '}
          <select value={label} onChange={(event) => setLabel(event.target.value)} aria-label="Label to tag with" data-autofocus disabled={started}>
            <option value="">Choose a label…</option>
            {labels.map((each) => (
              <option key={each.name} value={each.name}>
                {each.displayName}
              </option>
            ))}
          </select>
        </label>
        {label !== '' && preview === null && problem === null ? <p role="status">Counting the places…</p> : null}
        {problem !== null ? <p className="error">{problem}</p> : null}
        {preview !== null ? <Preview preview={preview} labelName={labelName} /> : null}
        {started && job ? <JobProgress job={job} label="Tagging progress" onCancel={() => void cancelTagSearch()} /> : null}
        <footer className="dialog-footer">
          <button type="button" onClick={close}>
            {started && !running ? 'Close' : 'Cancel'}
          </button>
          {!started ? (
            <button type="submit" className="primary" disabled={!preview || preview.places === 0 || running}>
              {preview && preview.places > 0 ? `Tag ${countOf(preview.places, 'place')} as ${labelName}` : 'Tag'}
            </button>
          ) : null}
        </footer>
      </form>
    </Dialog>
  );
}
