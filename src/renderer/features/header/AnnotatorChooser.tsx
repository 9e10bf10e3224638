/**
 * The header's annotator chooser: who is annotating (the project's annotators,
 * or a new one), and behind "▾" how they look at the work: only their queue,
 * everyone's spans (a curator's look), and the next document not done. The
 * options are a native popover, as the "⋯" menu is, so the header keeps to one row.
 */
import { useEffect, useRef, type ChangeEvent } from 'react';
import { useTeamStore } from '../../stores/team-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { openNextNotDone, showEveryone, showQueue, switchAnnotator } from './annotator-commands.js';

const NEW = '\u0000new';
const OPTIONS_ID = 'annotator-options';

/** The chooser and its options. */
export function AnnotatorChooser() {
  const annotator = useUiStore((s) => s.annotator);
  const annotators = useTeamStore((s) => s.annotators);
  const queue = useTeamStore((s) => s.queue);
  const everyone = useTeamStore((s) => s.showEveryone);
  const options = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void useTeamStore.getState().load();
  }, []);

  const names = [...new Set([...annotators.map((a) => a.name), ...(annotator === null ? [] : [annotator])])];
  const mine = annotators.find((a) => a.name === annotator);
  const choose = (event: ChangeEvent<HTMLSelectElement>): void => {
    const value = event.target.value;
    if (value === NEW) useUiStore.getState().openDialog('annotator');
    else if (value !== '') void switchAnnotator(value);
  };
  const next = (): void => {
    options.current?.hidePopover();
    void openNextNotDone();
  };

  return (
    <div className="annotator-chooser" role="group" aria-label="Annotator">
      <select aria-label="Annotator" value={annotator ?? ''} onChange={choose} title="Who is annotating: done marks, the list and J/K follow them">
        {annotator === null ? <option value="">Who are you?</option> : null}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        <option value={NEW}>Add an annotator…</option>
      </select>
      <button type="button" className="help-button" popoverTarget={OPTIONS_ID} aria-label="Annotator options" title="Your queue, everyone’s spans, the next document to do">
        {queue || everyone ? '▾•' : '▾'}
      </button>
      <div id={OPTIONS_ID} ref={options} popover="auto" className="annotator-options">
        <label title="Only the documents assigned to you">
          <input type="checkbox" checked={queue} onChange={(e) => showQueue(e.target.checked)} disabled={annotator === null} />
          My queue{mine && mine.assigned > 0 ? ` (${mine.assignedDone}/${mine.assigned} done)` : ''}
        </label>
        <label title="Show every annotator’s spans, each naming whose it is (otherwise each annotator sees only their own)">
          <input type="checkbox" checked={everyone} onChange={(e) => void showEveryone(e.target.checked)} />
          Everyone’s spans
        </label>
        <button type="button" onClick={next} title="Open the next document you have not marked done">
          Next not done
        </button>
      </div>
    </div>
  );
}
