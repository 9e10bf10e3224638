import { describe, expect, it } from 'vitest';
import type { LabelDto } from '../../../src/shared/api.js';
import { downloadExportUrl } from '../../../src/renderer/api-client.js';
import { snippetParts } from '../../../src/renderer/features/document-list/snippet.js';
import { keyProblem } from '../../../src/renderer/features/labels/label-keys.js';
import { uploadBatches } from '../../../src/renderer/features/workbench/commands.js';
import { labelForEvent } from '../../../src/renderer/features/workbench/use-shortcuts.js';
import { NO_FILTERS, pageInput } from '../../../src/renderer/stores/list-store.js';

const LABELS: readonly LabelDto[] = [
  { name: 'HOSPITAL', displayName: 'Hospital', color: '#c0392b', shortcutKey: '1', namesThings: true },
  { name: 'DATE', displayName: 'Date', color: '#16a085', shortcutKey: '2', namesThings: false },
  { name: 'MEDICINE', displayName: 'Medicine', color: '#d35400', shortcutKey: 'm', namesThings: false },
];

describe('search snippets', () => {
  it('splits matched terms out of the \\u0002…\\u0003 markers', () => {
    expect(snippetParts('… at \u0002Hue\u0003 \u0002Central\u0003 Hospital …')).toEqual([
      { text: '… at ', match: false },
      { text: 'Hue', match: true },
      { text: ' ', match: false },
      { text: 'Central', match: true },
      { text: ' Hospital …', match: false },
    ]);
    expect(snippetParts('no match here')).toEqual([{ text: 'no match here', match: false }]);
    expect(snippetParts('\u0002🙈 open')).toEqual([{ text: '🙈 open', match: true }]);
  });
});

describe('document list pages', () => {
  it('asks for one page of 100 with only the filters that are set', () => {
    expect(pageInput(NO_FILTERS, 0)).toEqual({ sort: 'id', offset: 0, limit: 100 });
    expect(pageInput({ query: '  flood ', status: 'done', hasNoise: true, label: 'DATE', sort: 'spans' }, 3)).toEqual({
      query: 'flood',
      status: 'done',
      hasNoise: true,
      label: 'DATE',
      sort: 'spans',
      offset: 300,
      limit: 100,
    });
  });
});

describe('export download URL', () => {
  it('names format, status, labels and BOM as the server expects', () => {
    expect(downloadExportUrl({ format: 'csv', status: 'all', labels: ['HOSPITAL', 'DATE'], bom: true })).toBe(
      '/download/export?format=csv&status=all&labels=HOSPITAL%2CDATE&bom=1',
    );
    expect(downloadExportUrl({ format: 'jsonl', status: 'accepted' })).toBe('/download/export?format=jsonl&status=accepted');
  });
});

describe('label keys', () => {
  const press = (key: string, code: string, altKey = false, shiftKey = false) => labelForEvent(LABELS, { key, code, altKey, shiftKey })?.name;

  it('finds the label of a key, and of the physical key when Alt changed the character (macOS)', () => {
    expect(press('1', 'Digit1')).toBe('HOSPITAL');
    expect(press('¡', 'Digit1', true)).toBe('HOSPITAL');
    expect(press('2', 'Numpad2')).toBe('DATE');
    expect(press('µ', 'KeyM', true)).toBe('MEDICINE');
    expect(press('3', 'Digit3')).toBeUndefined();
    expect(press('j', 'KeyJ')).toBeUndefined();
  });

  it('refuses keys the workbench uses or another label holds', () => {
    expect(keyProblem('j', LABELS, null)).toBe('j is a workbench shortcut');
    expect(keyProblem('1', LABELS, null)).toBe('used by Hospital');
    expect(keyProblem('1', LABELS, 'HOSPITAL')).toBeNull();
    expect(keyProblem('12', LABELS, null)).toBe('one character');
    expect(keyProblem('5', LABELS, null)).toBeNull();
  });
});

describe('upload batches', () => {
  it('splits uploads by file count and bytes, keeping an oversized file on its own', () => {
    const MB = 1024 * 1024;
    const sizes = (batches: { size: number }[][]) => batches.map((batch) => batch.map((f) => f.size / MB));
    expect(sizes(uploadBatches([{ size: 60 * MB }, { size: 30 * MB }, { size: 20 * MB }, { size: 300 * MB }, { size: 1 * MB }]))).toEqual([[60, 30], [20], [300], [1]]);
    const many = Array.from({ length: 4500 }, () => ({ size: 10 }));
    expect(uploadBatches(many).map((batch) => batch.length)).toEqual([2000, 2000, 500]);
    expect(uploadBatches([])).toEqual([]);
  });
});
