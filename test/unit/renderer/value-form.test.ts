import { describe, expect, it } from 'vitest';
import {
  figureFields,
  formatValue,
  parseDateValue,
  parseFigureValue,
  parseJsonValue,
  sameValue,
  suggestionSource,
  valueKind,
  valueText,
} from '../../../src/renderer/features/side-panel/value-form.js';

const blankFigure = { value: '', low: '', high: '', unit: '' };

describe('valueKind', () => {
  it('edits DATE and FIGURE with their own forms and anything else as JSON', () => {
    expect(valueKind('DATE')).toBe('date');
    expect(valueKind('FIGURE')).toBe('figure');
    expect(valueKind('HOSPITAL')).toBe('json');
    expect(valueKind('PERSON')).toBe('json');
  });
});

describe('parseDateValue', () => {
  it.each(['2025', '2025-11', '2025-11-20', '2025-11-20T08:15', '2025-11-20T08:15:30', '2025-11-20T08:15:30.250Z', '2025-11-20T08:15+07:00', '2024-02-29'])(
    'accepts %s',
    (text) => {
      expect(parseDateValue(text)).toEqual({ ok: true, value: text });
    },
  );

  it.each(['2025-11-20/2025-11-23', '2025-11-20T08:00/2025-11-20T17:30', '2025-11/2026-01'])('accepts the interval %s', (text) => {
    expect(parseDateValue(text)).toEqual({ ok: true, value: text });
  });

  it('trims the text and clears the value when blank', () => {
    expect(parseDateValue('  2025-11-20 ')).toEqual({ ok: true, value: '2025-11-20' });
    expect(parseDateValue('   ')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['20/11/2025', /not ISO 8601/],
    ['11-20', /not a date/],
    ['2025-13-01', /month 13/],
    ['2025-02-29', /not a day/],
    ['2025-04-31', /not a day/],
    ['2025-11T08:15', /full date/],
    ['2025-11-20T25:00', /not a time of day/],
    ['2025-11-20T08:60', /not a time of day/],
    ['2025-11-20T8:15', /not a time/],
    ['2025-11-20 08:15', /not a date/],
    ['2025-11-20/', /both ends/],
    ['2025-11-20/2025-11-21/2025-11-22', /not ISO 8601/],
    ['2025-11-23/2025-11-20', /ends before it starts/],
    ['2025-11-20T08:15+15:00', /time zone/],
  ])('refuses %s', (text, why) => {
    const parsed = parseDateValue(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(why);
  });
});

describe('parseFigureValue', () => {
  it('reads a number with a unit, allowing thousands commas and spaces', () => {
    expect(parseFigureValue({ ...blankFigure, value: '1,200', unit: ' children ' })).toEqual({ ok: true, value: { value: 1200, unit: 'children' } });
    expect(parseFigureValue({ ...blankFigure, value: '12 500.5' })).toEqual({ ok: true, value: { value: 12500.5, unit: null } });
    expect(parseFigureValue({ ...blankFigure, value: '-3' })).toEqual({ ok: true, value: { value: -3, unit: null } });
  });

  it('reads a range', () => {
    expect(parseFigureValue({ ...blankFigure, low: '10', high: '12', unit: '%' })).toEqual({ ok: true, value: { low: 10, high: 12, unit: '%' } });
  });

  it('clears the value when every field is blank', () => {
    expect(parseFigureValue(blankFigure)).toEqual({ ok: true, value: null });
  });

  it.each([
    [{ ...blankFigure, value: 'twelve' }, /not a number/],
    [{ ...blankFigure, value: '1,20' }, /not a number/],
    [{ ...blankFigure, value: '5', low: '1', high: '9' }, /not both/],
    [{ ...blankFigure, low: '1' }, /both low and high/],
    [{ ...blankFigure, low: '9', high: '1' }, /low is above high/],
    [{ ...blankFigure, unit: 'beds' }, /needs a number/],
  ])('refuses %j', (fields, why) => {
    const parsed = parseFigureValue(fields);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(why);
  });
});

describe('parseJsonValue', () => {
  it('parses JSON, clears on blank and refuses anything else', () => {
    expect(parseJsonValue('{"code": "HUE-1"}')).toEqual({ ok: true, value: { code: 'HUE-1' } });
    expect(parseJsonValue('"x"')).toEqual({ ok: true, value: 'x' });
    expect(parseJsonValue('')).toEqual({ ok: true, value: null });
    expect(parseJsonValue('{code: 1}')).toEqual({ ok: false, error: 'not valid JSON' });
  });
});

describe('showing values', () => {
  it('fills the FIGURE form from a stored value', () => {
    expect(figureFields({ value: 1200, unit: 'children' })).toEqual({ value: '1200', low: '', high: '', unit: 'children' });
    expect(figureFields({ low: 10, high: 12, unit: null })).toEqual({ value: '', low: '10', high: '12', unit: '' });
    expect(figureFields('not a figure')).toEqual(blankFigure);
  });

  it('starts the text fields from a stored value', () => {
    expect(valueText('date', '2025-11-20')).toBe('2025-11-20');
    expect(valueText('date', null)).toBe('');
    expect(valueText('json', { a: 1 })).toBe('{"a":1}');
  });

  it('formats values on one line', () => {
    expect(formatValue('2025-11-20T08:15')).toBe('2025-11-20T08:15');
    expect(formatValue({ value: 1200, unit: 'children' })).toBe('1200 children');
    expect(formatValue({ low: 10, high: 12, unit: '%' })).toBe('10–12 %');
    expect(formatValue({ value: 3, unit: null })).toBe('3');
    expect(formatValue(null)).toBe('');
    expect(formatValue([1, 2])).toBe('[1,2]');
  });

  it('compares values as JSON, null and undefined alike', () => {
    expect(sameValue({ value: 1, unit: 'x' }, { value: 1, unit: 'x' })).toBe(true);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue('2025', '2026')).toBe(false);
  });

  it('says who proposed a span and how sure it was', () => {
    expect(suggestionSource({ recogniser: 'date', confidence: 0.915 })).toBe('suggested by date, 92%');
    expect(suggestionSource({ recogniser: 'gazetteer', confidence: null })).toBe('learnt from earlier tags');
    expect(suggestionSource({ recogniser: 'gazetteer', confidence: 0.9, learntFrom: { accepted: 3, rejected: 0 } })).toBe('learnt from 3 tags, 90%');
    expect(suggestionSource({ recogniser: 'gazetteer', confidence: 0.9, learntFrom: { accepted: 2, rejected: 1 } })).toBe('learnt from 2 tags and 1 rejection, 90%');
    expect(suggestionSource({ recogniser: null, confidence: null })).toBeNull();
  });
});
