import { describe, expect, it } from 'vitest';
import { openProject } from '../../src/main/store/connection.js';
import { DEFAULT_GUIDELINES } from '../../src/main/store/guidelines.js';
import { apiCaller, refusal } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';

describe('project guidelines', () => {
  it('start as the built-in labels\' rules, are saved in the project file, and go back to the default', async () => {
    const { db, dbPath } = createTestProject();
    const call = apiCaller(db, dbPath);
    const first = await call('guidelines:get', {});
    expect(first).toEqual({ text: DEFAULT_GUIDELINES, isDefault: true, updatedAt: null });
    for (const label of ['## Hospital (1)', '## Date (2)', '## Person (3)', '## Figure (4)']) expect(first.text).toContain(label);

    const text = '# Our rules\n\nTag *every* ward name as **HOSPITAL** too.';
    const saved = await call('guidelines:update', { text });
    expect(saved).toMatchObject({ text, isDefault: false });
    expect(saved.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The project settings beside them read as before.
    expect(await call('settings:get', {})).toMatchObject({ dateOrder: 'day-first', suggestAfterImport: false });
    await call('settings:update', { dateOrder: 'month-first' });
    expect((await call('guidelines:get', {})).text).toBe(text);

    // Kept in the file: another connection reads them.
    db.close();
    const again = openProject(dbPath, { mustExist: true });
    try {
      const reopened = apiCaller(again, dbPath);
      expect((await reopened('guidelines:get', {})).text).toBe(text);
      expect(await reopened('guidelines:update', { text: null })).toEqual({ text: DEFAULT_GUIDELINES, isDefault: true, updatedAt: null });
      expect(await refusal(reopened, 'guidelines:update', { text: 'x'.repeat(200_001) })).toMatch(/^invalid_input/);
      expect((await reopened('settings:get', {})).dateOrder).toBe('month-first');
    } finally {
      again.close();
    }
  });
});
