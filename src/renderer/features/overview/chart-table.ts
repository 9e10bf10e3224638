/**
 * The numbers behind a chart as a table: saved as CSV and read out, as a
 * hidden table, to people who cannot see the chart.
 */

export type Cell = string | number | null;

export interface ChartColumn {
  /** The CSV header: short, lower case, no spaces. */
  readonly key: string;
  /** The heading read with the table. */
  readonly heading: string;
}

export interface ChartTable {
  readonly columns: readonly ChartColumn[];
  readonly rows: readonly (readonly Cell[])[];
}

/**
 * A spreadsheet runs a cell starting with = + - @ (or tab / CR) as a formula: an
 * apostrophe first keeps a hostile entity name from running on open. The same
 * rule as the project's CSV export; numbers are written as numbers.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One CSV field: quoted when it holds a comma, quote or line break, quotes doubled (RFC 4180). */
function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV: a header row of column keys, then the rows, CRLF after each. */
export function tableToCsv(table: ChartTable): string {
  const lines = [table.columns.map((column) => column.key), ...table.rows].map((row) => row.map(csvField).join(','));
  return lines.map((line) => `${line}\r\n`).join('');
}
