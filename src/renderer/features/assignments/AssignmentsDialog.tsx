/**
 * Assign documents…: each annotator with the documents assigned to them and
 * how many of those they finished, and a form to deal documents out: to whom,
 * how many each (or every document nobody has yet), and what share two of them
 * see so their agreement can be measured. A line says what the deal will do
 * before it is made; the report of the deal replaces it after.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AnnotatorSummaryDto, AssignmentSummaryDto } from '../../../shared/api.js';
import { countOf } from '../../../shared/plural.js';
import { Dialog } from '../../components/Dialog.js';
import { useAssignmentsStore, type AssignReportDto } from '../../stores/assignments-store.js';
import { useTeamStore } from '../../stores/team-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { documentsForEach, previewLine, type Share } from './assignment-plan.js';

type Amount = 'unassigned' | 'each';

const WHOLE = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** The annotators with their queues; each row's checkbox picks them for the deal. */
function QueueTable({
  annotators,
  picked,
  onPick,
}: {
  readonly annotators: readonly AnnotatorSummaryDto[];
  readonly picked: ReadonlySet<string>;
  readonly onPick: (name: string, on: boolean) => void;
}) {
  return (
    <table className="assign-table" aria-label="Annotators and their queues">
      <thead>
        <tr>
          <th scope="col">Annotator</th>
          <th scope="col">Assigned</th>
          <th scope="col">Done</th>
          <th scope="col">To do</th>
        </tr>
      </thead>
      <tbody>
        {annotators.map((annotator) => (
          <tr key={annotator.name}>
            <th scope="row">
              <label className="checkbox">
                <input type="checkbox" checked={picked.has(annotator.name)} onChange={(event) => onPick(annotator.name, event.target.checked)} />
                {annotator.color !== null ? <span className="assign-swatch" style={{ background: annotator.color }} aria-hidden="true" /> : null}
                {annotator.name}
              </label>
            </th>
            <td>{WHOLE.format(annotator.assigned)}</td>
            <td>{WHOLE.format(annotator.assignedDone)}</td>
            <td>{WHOLE.format(annotator.assigned - annotator.assignedDone)}</td>
          </tr>
        ))}
        {annotators.length === 0 ? (
          <tr>
            <td colSpan={4} className="hint">
              No annotators yet: add one below.
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** "12 documents: 7 nobody has, 3 with one annotator, 2 with two." */
function projectLine(summary: AssignmentSummaryDto, total: number): string {
  const parts = [`${WHOLE.format(summary.unassigned)} nobody has`];
  for (const { annotators, documents } of summary.byAnnotators) {
    parts.push(`${WHOLE.format(documents)} with ${annotators === 1 ? 'one annotator' : annotators === 2 ? 'two' : `${WHOLE.format(annotators)}`}`);
  }
  return `${countOf(total, 'document')}: ${parts.join(', ')}.`;
}

/** "Assigned 20 documents (24 new assignments): ann 8, ben 8, cat 8. 4 documents are given to two or more annotators." */
function reportLine(report: AssignReportDto): string {
  const each = report.perAnnotator.map((one) => `${one.annotator} ${WHOLE.format(one.documents)}`).join(', ');
  const overlap =
    report.overlapping === 0 ? 'No document is given to two annotators.' : `${countOf(report.overlapping, 'document')} in the project ${report.overlapping === 1 ? 'is' : 'are'} given to two or more annotators.`;
  return `Assigned ${countOf(report.documents, 'document')} (${countOf(report.assigned, 'new assignment')}): ${each}. ${overlap}`;
}

/** Adds an annotator to the project from the dialog, and ticks them. */
function AddAnnotator({ known, onAdded }: { readonly known: readonly AnnotatorSummaryDto[]; readonly onAdded: (name: string) => void }) {
  const addAnnotator = useAssignmentsStore((s) => s.addAnnotator);
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const taken = known.some((a) => a.name === trimmed);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (trimmed === '' || taken) return;
    if (await addAnnotator(trimmed)) {
      setName('');
      onAdded(trimmed);
    }
  };
  return (
    <form className="assign-add" onSubmit={(event) => void submit(event)} aria-label="Add an annotator">
      <label>
        Add an annotator
        <input value={name} onChange={(event) => setName(event.target.value)} maxLength={80} placeholder="Name" aria-invalid={taken} autoComplete="off" />
      </label>
      <button type="submit" disabled={trimmed === '' || taken}>
        Add
      </button>
      {/* Always there, so the row keeps its height when the warning comes and goes. */}
      <span className="field-error" aria-live="polite">
        {taken ? `${trimmed} is already an annotator.` : ''}
      </span>
    </form>
  );
}

/** Reads a whole number from a field, or null when it is not one within [min, max]. */
function wholeIn(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** The Assign documents dialog. */
export function AssignmentsDialog() {
  const close = useUiStore((s) => s.closeDialog);
  const annotators = useAssignmentsStore((s) => s.annotators);
  const summary = useAssignmentsStore((s) => s.summary);
  const total = useAssignmentsStore((s) => s.total);
  const making = useAssignmentsStore((s) => s.making);
  const report = useAssignmentsStore((s) => s.report);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [amount, setAmount] = useState<Amount>('unassigned');
  const [perEachText, setPerEachText] = useState('10');
  const [share, setShare] = useState<Share>('split');
  const [overlapText, setOverlapText] = useState('0');
  const ids = useId();

  useEffect(() => useAssignmentsStore.getState().clearReport(), []);
  // Read on opening, and again whenever the project's list of annotators changes (one named in the header just now, say).
  const teamAnnotators = useTeamStore((s) => s.annotators);
  useEffect(() => {
    void useAssignmentsStore.getState().refresh();
  }, [teamAnnotators]);

  const pick = (name: string, on: boolean): void => {
    const next = new Set(picked);
    if (on) next.add(name);
    else next.delete(name);
    setPicked(next);
  };

  // In the list's order: the draw deals in the order it is given the names, and the preview must count the same way.
  const names = annotators.filter((a) => picked.has(a.name)).map((a) => a.name);
  const available = summary?.unassigned ?? 0;
  const perEach = wholeIn(perEachText, 1, 1_000_000);
  const overlapPercent = wholeIn(overlapText, 0, 100);
  const overlap = share === 'split' && overlapPercent !== null ? overlapPercent / 100 : 0;
  const documents = amount === 'unassigned' ? available : perEach === null ? 0 : documentsForEach(perEach, available, names.length, share, overlap);

  let preview: string;
  if (summary === null) preview = 'Reading the project…';
  else if (amount === 'each' && perEach === null) preview = 'Give a whole number of documents for each annotator, 1 or more.';
  else if (share === 'split' && overlapPercent === null) preview = 'Give the share seen by two as a whole percentage, 0 to 100.';
  else if (available === 0) preview = 'Every document is assigned already.';
  else {
    preview = previewLine(documents, names, share, overlap);
    const left = available - documents;
    if (names.length > 0 && documents > 0 && left > 0) preview += ` ${countOf(left, 'document')} stay${left === 1 ? 's' : ''} unassigned.`;
  }
  const ready = summary !== null && names.length > 0 && documents > 0 && (amount === 'unassigned' || perEach !== null) && (share === 'all' || overlapPercent !== null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!ready || making) return;
    void useAssignmentsStore.getState().assign({ annotators: names, documents: amount === 'unassigned' ? null : documents, share, overlap });
  };

  return (
    <Dialog label="Assign documents" onClose={close} className="assignments-dialog">
      <section aria-labelledby={`${ids}-queues`}>
        <h3 id={`${ids}-queues`}>Annotators</h3>
        <QueueTable annotators={annotators} picked={picked} onPick={pick} />
        <p className="hint assign-project-line">{summary !== null ? projectLine(summary, total) : null}</p>
      </section>
      <AddAnnotator known={annotators} onAdded={(name) => pick(name, true)} />
      <form className="assign-form" onSubmit={submit} aria-label="Deal documents out">
        <fieldset>
          <legend>Documents</legend>
          <label className="radio">
            <input type="radio" name={`${ids}-amount`} checked={amount === 'unassigned'} onChange={() => setAmount('unassigned')} />
            Every document nobody has yet ({WHOLE.format(available)})
          </label>
          <div className="assign-choice">
            <label className="radio">
              <input type="radio" name={`${ids}-amount`} checked={amount === 'each'} onChange={() => setAmount('each')} />
              At most
            </label>
            <input
              type="number"
              className="assign-number"
              min={1}
              step={1}
              value={perEachText}
              aria-label="Documents for each annotator"
              aria-invalid={amount === 'each' && perEach === null}
              onChange={(event) => {
                setPerEachText(event.target.value);
                setAmount('each');
              }}
            />
            <span>for each annotator, from those nobody has</span>
          </div>
        </fieldset>
        <fieldset>
          <legend>Sharing</legend>
          <div className="assign-choice">
            <label className="radio">
              <input type="radio" name={`${ids}-share`} checked={share === 'split'} onChange={() => setShare('split')} />
              Split between them, with
            </label>
            <input
              type="number"
              className="assign-number"
              min={0}
              max={100}
              step={5}
              value={overlapText}
              disabled={share !== 'split'}
              aria-label="Percent of the documents seen by two annotators"
              aria-invalid={share === 'split' && overlapPercent === null}
              onChange={(event) => setOverlapText(event.target.value)}
            />
            <span>% seen by two, to measure agreement</span>
          </div>
          <label className="radio">
            <input type="radio" name={`${ids}-share`} checked={share === 'all'} onChange={() => setShare('all')} />
            Every one of them gets every document
          </label>
        </fieldset>
        <p className="assign-preview" id={`${ids}-preview`} role="status" aria-label="What the deal will do">
          {preview}
        </p>
        <p className="assign-report" role="status" aria-label="What the deal did">
          {report !== null ? reportLine(report) : null}
        </p>
        <footer className="dialog-footer">
          <button type="submit" className="primary assign-button" disabled={!ready || making} aria-describedby={`${ids}-preview`}>
            {making ? 'Assigning…' : 'Assign'}
          </button>
          <button type="button" onClick={close}>
            Close
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
