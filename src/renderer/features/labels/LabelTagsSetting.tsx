/** Where the text shows each span's label name: at its start (the default) or on hover and on the selected span. */
import { useLabelTagsStore, type LabelTagPlacement } from '../../stores/label-tags-store.js';

const CHOICES: readonly { readonly value: LabelTagPlacement; readonly text: string }[] = [
  { value: 'start', text: 'At the start of each span' },
  { value: 'hover', text: 'On hover and on the selected span' },
];

export function LabelTagsSetting() {
  const placement = useLabelTagsStore((s) => s.placement);
  const setPlacement = useLabelTagsStore((s) => s.setPlacement);
  return (
    <fieldset className="label-tags-setting">
      <legend>Label names in the text</legend>
      <p className="hint">So labels tell apart without their colour, in grey print too.</p>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="checkbox">
          <input type="radio" name="label-tags" value={choice.value} checked={placement === choice.value} onChange={() => setPlacement(choice.value)} />
          {choice.text}
        </label>
      ))}
    </fieldset>
  );
}
