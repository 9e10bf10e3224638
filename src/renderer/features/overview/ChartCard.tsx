/** One card of the Overview: heading, chart (or why there is none), its numbers in text, and the save buttons. */
import { useMemo, useState } from 'react';
import { assertNever } from '../../../shared/model.js';
import { useUiStore } from '../../stores/ui-store.js';
import { chartCsv, chartPng, chartSvg, saveFile } from './chart-files.js';
import type { ChartTable } from './chart-table.js';
import type { ChartTheme } from './chart-theme.js';
import { EChart } from './EChart.js';
import { chartFileName, type ChartSpec } from './overview-charts.js';

type SaveKind = 'png' | 'svg' | 'csv';

async function save(spec: ChartSpec, theme: ChartTheme, kind: SaveKind): Promise<void> {
  const name = chartFileName(spec.id, kind);
  switch (kind) {
    case 'png':
      saveFile(name, await chartPng(spec.option(theme), spec.title, spec.height));
      return;
    case 'svg':
      saveFile(name, new Blob([chartSvg(spec.option(theme), spec.title, spec.height)], { type: 'image/svg+xml' }));
      return;
    case 'csv':
      saveFile(name, chartCsv(spec.table));
      return;
    default:
      assertNever(kind);
  }
}

/** The chart's numbers as a table for screen readers (hidden from sight: the chart shows them). */
function NumbersTable({ table, caption }: { readonly table: ChartTable; readonly caption: string }) {
  return (
    <table className="visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column.key} scope="col">
              {column.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) => (
              <td key={c}>{cell ?? 'n/a'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface ChartCardProps {
  readonly spec: ChartSpec;
  readonly theme: ChartTheme;
}

/** A chart card. */
export function ChartCard({ spec, theme }: ChartCardProps) {
  const option = useMemo(() => spec.option(theme), [spec, theme]);
  const [saving, setSaving] = useState<SaveKind | null>(null);
  const headingId = `overview-${spec.id}-title`;
  const empty = spec.empty !== null;

  const onSave = async (kind: SaveKind): Promise<void> => {
    setSaving(kind);
    try {
      await save(spec, theme, kind);
    } catch (error) {
      useUiStore.getState().reportError(error);
    } finally {
      setSaving(null);
    }
  };

  return (
    <section className="overview-card" aria-labelledby={headingId} data-chart={spec.id}>
      <h3 id={headingId}>{spec.title}</h3>
      <p className="hint">{spec.description}</p>
      {empty ? (
        <p className="overview-empty" style={{ minHeight: Math.min(spec.height, 160) }}>
          {spec.empty}
        </p>
      ) : (
        <figure className="overview-figure">
          <EChart option={option} height={spec.height} label={spec.summary} />
          <NumbersTable table={spec.table} caption={`${spec.title}: the numbers`} />
        </figure>
      )}
      <div className="overview-card-actions" role="group" aria-label={`Save ${spec.title}`}>
        <button type="button" disabled={empty || saving !== null} onClick={() => void onSave('png')}>
          Save PNG
        </button>
        <button type="button" disabled={empty || saving !== null} onClick={() => void onSave('svg')}>
          Save SVG
        </button>
        <button type="button" disabled={empty || saving !== null} onClick={() => void onSave('csv')}>
          Save data (CSV)
        </button>
      </div>
    </section>
  );
}
