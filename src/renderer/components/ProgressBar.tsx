/** A labelled progress bar; `indeterminate` for work whose size is not known yet. */
export interface ProgressBarProps {
  readonly label: string;
  readonly value: number;
  readonly max: number;
  readonly text?: string;
  readonly indeterminate?: boolean;
}

/** A progress bar with an accessible name and value text. */
export function ProgressBar({ label, value, max, text, indeterminate = false }: ProgressBarProps) {
  const fraction = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div
      className={indeterminate ? 'progress indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={indeterminate ? undefined : max}
      aria-valuenow={indeterminate ? undefined : value}
      aria-valuetext={text}
    >
      <div className="progress-fill" style={indeterminate ? undefined : { width: `${(fraction * 100).toFixed(2)}%` }} />
    </div>
  );
}
