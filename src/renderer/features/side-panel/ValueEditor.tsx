/**
 * The selected span's normalised value, shown and edited in the form its label
 * calls for: an ISO 8601 text field for DATE, number and unit (or low and high)
 * for FIGURE, raw JSON otherwise. Saving is one undoable edit.
 */
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { assertNever } from '../../../shared/model.js';
import type { SpanDto } from '../../../shared/api.js';
import { DOCUMENT_TEXT_ID } from '../../components/element-ids.js';
import { saveValue } from '../suggestions/suggestion-commands.js';
import {
  figureFields,
  formatValue,
  parseDateValue,
  parseFigureValue,
  parseJsonValue,
  sameValue,
  valueKind,
  valueText,
  type FigureFields,
  type ParsedValue,
} from './value-form.js';

/** Id of the value's first field, for focusing it. */
export const VALUE_FIELD_ID = 'span-value';

function backToText(): void {
  document.getElementById(DOCUMENT_TEXT_ID)?.focus();
}

/** The value form of `span`. */
export function ValueEditor({ span }: { readonly span: Readonly<SpanDto> }) {
  const kind = valueKind(span.label);
  const [text, setText] = useState(() => valueText(kind === 'figure' ? 'json' : kind, span.value));
  const [figure, setFigure] = useState<FigureFields>(() => figureFields(span.value));
  const [error, setError] = useState<string | null>(null);
  const stored = JSON.stringify(span.value ?? null);
  // A new span, or a value changed by undo, starts the form over.
  useEffect(() => {
    setText(valueText(kind === 'figure' ? 'json' : kind, span.value));
    setFigure(figureFields(span.value));
    setError(null);
    // `stored` stands for span.value, which is a fresh object on every reload.
  }, [span.id, kind, stored]);

  const parse = (): ParsedValue => {
    switch (kind) {
      case 'date':
        return parseDateValue(text);
      case 'figure':
        return parseFigureValue(figure);
      case 'json':
        return parseJsonValue(text);
      default:
        return assertNever(kind);
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = parse();
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    if (sameValue(parsed.value, span.value)) {
      backToText();
      return;
    }
    if (await saveValue(span.id, parsed.value)) backToText();
  };

  const reset = (): void => {
    setText(valueText(kind === 'figure' ? 'json' : kind, span.value));
    setFigure(figureFields(span.value));
    setError(null);
    backToText();
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      reset();
    }
  };
  const shown = formatValue(span.value);
  const errorId = `value-error-${span.id}`;
  const field = (name: keyof FigureFields, label: string, inputMode: 'decimal' | 'text') => (
    <label className="value-field">
      {label}
      <input
        id={name === 'value' ? VALUE_FIELD_ID : undefined}
        value={figure[name]}
        inputMode={inputMode}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        onChange={(event) => setFigure({ ...figure, [name]: event.target.value })}
      />
    </label>
  );

  const form = (
    <form className="value-editor" aria-label="Value" onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown}>
      <p className="value-current">
        Value: {shown === '' ? <span className="hint">none</span> : <output aria-label="Current value">{shown}</output>}
      </p>
      {kind === 'date' ? (
        <label className="value-field">
          ISO 8601 date, date-time or interval
          <input
            id={VALUE_FIELD_ID}
            value={text}
            placeholder="2025-11-20T08:15"
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
      ) : kind === 'figure' ? (
        <div className="figure-fields">
          {field('value', 'Number', 'decimal')}
          {field('unit', 'Unit', 'text')}
          {field('low', 'Low', 'decimal')}
          {field('high', 'High', 'decimal')}
        </div>
      ) : (
        <label className="value-field">
          JSON
          <textarea
            id={VALUE_FIELD_ID}
            value={text}
            rows={2}
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
      )}
      {error !== null ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit">Save value</button>
        <span className="hint">blank clears it; Esc puts it back</span>
      </div>
    </form>
  );
  if (kind !== 'json' || span.value !== null) return form;
  // Most spans of other labels carry no value: the JSON field stays out of the way until asked for.
  return (
    <details className="value-details">
      <summary>Value: none</summary>
      {form}
    </details>
  );
}
