/**
 * Labels…: add labels (name, display name, colour, key, whether they name things) and change those of existing ones.
 * A label that names things (a hospital, a person) has entities; one that tags values (a date, a figure) has none.
 */
import { useState, type FormEvent } from 'react';
import type { LabelDto } from '../../../shared/api.js';
import { COLOR_PATTERN, LABEL_NAME_PATTERN, SPARE_LABEL_COLORS } from '../../../shared/labels.js';
import { Dialog } from '../../components/Dialog.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { keyProblem } from './label-keys.js';
import { LabelTagsSetting } from './LabelTagsSetting.js';
import { LearntForms } from './LearntForms.js';

function LabelRow({ label }: { readonly label: LabelDto }) {
  const labels = useLabelsStore((s) => s.labels);
  const update = useLabelsStore((s) => s.update);
  const track = useUiStore((s) => s.track);
  const [displayName, setDisplayName] = useState(label.displayName);
  const [color, setColor] = useState(label.color);
  const [key, setKey] = useState(label.shortcutKey ?? '');
  const [namesThings, setNamesThings] = useState(label.namesThings);
  const problem = keyProblem(key, labels, label.name);
  const changed =
    displayName !== label.displayName || color !== label.color || key !== (label.shortcutKey ?? '') || namesThings !== label.namesThings;
  const save = (event: FormEvent): void => {
    event.preventDefault();
    if (problem !== null || displayName.trim() === '') return;
    void track(
      `Saving ${label.name}…`,
      update({ name: label.name, displayName: displayName.trim(), color, shortcutKey: key === '' ? null : key, namesThings }),
    );
  };
  return (
    <form className="label-row" onSubmit={save} aria-label={`Label ${label.name}`}>
      <code className="label-id">{label.name}</code>
      <input aria-label={`Display name of ${label.name}`} value={displayName} maxLength={60} onChange={(e) => setDisplayName(e.target.value)} />
      <input aria-label={`Colour of ${label.name}`} type="color" value={color} onChange={(e) => setColor(e.target.value)} />
      <input aria-label={`Key of ${label.name}`} className="key-input" value={key} maxLength={2} onChange={(e) => setKey(e.target.value.trim())} />
      <label className="checkbox" title="Spans of this label name things (a hospital, a person) that can be linked to entities">
        <input type="checkbox" aria-label={`${label.name} names things`} checked={namesThings} onChange={(e) => setNamesThings(e.target.checked)} />
        Names things
      </label>
      <button type="submit" disabled={!changed || problem !== null || displayName.trim() === ''}>
        Save
      </button>
      {problem !== null ? <span className="field-error">{problem}</span> : null}
    </form>
  );
}

function AddLabel() {
  const labels = useLabelsStore((s) => s.labels);
  const create = useLabelsStore((s) => s.create);
  const track = useUiStore((s) => s.track);
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [color, setColor] = useState(SPARE_LABEL_COLORS[labels.length % SPARE_LABEL_COLORS.length] ?? '#5d6d7e');
  const [key, setKey] = useState('');
  const [namesThings, setNamesThings] = useState(false);
  const nameProblem =
    name === '' ? null : !LABEL_NAME_PATTERN.test(name) ? 'letters, digits, _ . - (no spaces, at most 40)' : labels.some((l) => l.name === name) ? 'already exists' : null;
  const problem = keyProblem(key, labels, null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name === '' || nameProblem !== null || problem !== null || !COLOR_PATTERN.test(color)) return;
    const created = await track(
      `Adding ${name}…`,
      create({ name, ...(displayName.trim() !== '' ? { displayName: displayName.trim() } : {}), color, shortcutKey: key === '' ? null : key, namesThings }),
    );
    if (created) {
      setName('');
      setDisplayName('');
      setKey('');
      setNamesThings(false);
      setColor(SPARE_LABEL_COLORS[(labels.length + 1) % SPARE_LABEL_COLORS.length] ?? color);
    }
  };
  return (
    <form className="add-label" onSubmit={(event) => void submit(event)} aria-label="Add a label">
      <h3>Add a label</h3>
      <label>
        Name (as exported)
        <input value={name} onChange={(e) => setName(e.target.value.toUpperCase().replace(/\s+/g, '_'))} placeholder="MEDICINE" maxLength={40} />
      </label>
      {nameProblem !== null ? <span className="field-error">{nameProblem}</span> : null}
      <label>
        Display name
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="Medicine" maxLength={60} />
      </label>
      <label>
        Colour
        <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
      </label>
      <label>
        Key
        <input className="key-input" value={key} onChange={(e) => setKey(e.target.value.trim())} maxLength={2} placeholder="5" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={namesThings} onChange={(e) => setNamesThings(e.target.checked)} />
        Names things (has entities)
      </label>
      {problem !== null ? <span className="field-error">{problem}</span> : null}
      <button type="submit" className="primary" disabled={name === '' || nameProblem !== null || problem !== null}>
        Add label
      </button>
    </form>
  );
}

/** The Labels dialog. */
export function LabelManager() {
  const labels = useLabelsStore((s) => s.labels);
  const close = useUiStore((s) => s.closeDialog);
  return (
    <Dialog label="Labels" heading="Labels" onClose={close} className="labels-dialog" closeText="Close">
      <p className="hint">
        The name is what exports carry; the display name, colour and key are for this workbench. Labels that name things (a hospital, a
        person) can be linked to entities; the others tag values (a date, a figure).
      </p>
      <div className="label-table">
        {labels.map((label) => (
          <LabelRow key={`${label.name}:${label.displayName}:${label.color}:${label.shortcutKey ?? ''}:${label.namesThings}`} label={label} />
        ))}
      </div>
      <AddLabel />
      <LabelTagsSetting />
      <LearntForms />
    </Dialog>
  );
}
