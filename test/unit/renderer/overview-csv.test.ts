import { describe, expect, it } from 'vitest';
import { neutraliseFormula, tableToCsv, type ChartTable } from '../../../src/renderer/features/overview/chart-table.js';

const columns = [
  { key: 'entity', heading: 'Entity' },
  { key: 'mentions', heading: 'Mentions' },
];

describe('chart data as CSV', () => {
  it('writes a header of column keys, then one CRLF-ended row per row', () => {
    const table: ChartTable = { columns, rows: [['Northgate Infirmary', 8], ['Mira', 1]] };
    expect(tableToCsv(table)).toBe('entity,mentions\r\nNorthgate Infirmary,8\r\nMira,1\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    const table: ChartTable = { columns, rows: [['St "Jude", North', 2], ['two\nlines', 3], ['cr\rhere', 4]] };
    expect(tableToCsv(table)).toBe('entity,mentions\r\n"St ""Jude"", North",2\r\n"two\nlines",3\r\n"cr\rhere",4\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, but writes numbers as numbers', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    for (const start of ['+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}1`)).toBe(`'${start}1`);
    expect(neutraliseFormula('Mira')).toBe('Mira');
    const table: ChartTable = { columns, rows: [['=1+1', -0.25], ['-x', null]] };
    expect(tableToCsv(table)).toBe("entity,mentions\r\n'=1+1,-0.25\r\n'-x,\r\n");
  });

  it('leaves a missing figure empty', () => {
    expect(tableToCsv({ columns, rows: [[null, Number.NaN]] })).toBe('entity,mentions\r\n,\r\n');
  });
});
