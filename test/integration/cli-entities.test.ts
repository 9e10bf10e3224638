import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../src/shared/offsets.js';
import { createEntity } from '../../src/main/annotate/entity-edits.js';
import { openProject } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createSpan } from '../../src/main/store/spans.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/project.js';

const REPORT = '🚑 Ambulances left the Hue Cancer Centre at six; the Hue Cancer Center said Dr. Trần Văn Minh would follow.';
const NOTICE = 'Dr. Tran Van Minh met staff of the Hue Cancer Centre and of Bach Mai Hospital.';

/** A project with one linked entity, one entity with no mentions yet, and spans waiting for suggestions. */
function project(): string {
  const dbPath = join(tempDir(), 'p.sqlite');
  const db = openProject(dbPath);
  const tag = (documentId: number, text: string, phrase: string, label: string): number => {
    const offsets = new OffsetMap(text);
    const at = text.indexOf(phrase);
    return (createSpan(db, { documentId, startCp: offsets.toCp(at), endCp: offsets.toCp(at + phrase.length), label, annotator: 'lan' }) as { id: number }).id;
  };
  const report = insertDocument(db, { title: 'Report', source: 'report.txt', text: REPORT, meta: {} }).id;
  const notice = insertDocument(db, { title: 'Notice', source: 'notice.txt', text: NOTICE, meta: {} }).id;
  const centre = [tag(report, REPORT, 'Hue Cancer Centre', 'HOSPITAL'), tag(notice, NOTICE, 'Hue Cancer Centre', 'HOSPITAL')];
  tag(report, REPORT, 'Hue Cancer Center', 'HOSPITAL');
  tag(notice, NOTICE, 'Bach Mai Hospital', 'HOSPITAL');
  tag(report, REPORT, 'Trần Văn Minh', 'PERSON');
  tag(notice, NOTICE, 'Tran Van Minh', 'PERSON');
  createEntity(db, { name: 'Hue Cancer Centre', label: 'HOSPITAL', aliases: ['HCC'], spanIds: centre });
  createEntity(db, { name: 'Bach Mai Hospital', label: 'HOSPITAL' });
  db.close();
  return dbPath;
}

describe('marginalia entities', () => {
  it('lists entities with their mention counts, as text and as JSON, by label', () => {
    const dbPath = project();
    const text = runCli(['entities', '--db', dbPath]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^\s+1\s+HOSPITAL\s+2 mentions in 2 docs\s+Hue Cancer Centre\s+\(also HCC\)$/m);
    expect(text.stdout).toMatch(/^\s+2\s+HOSPITAL\s+0 mentions in 0 docs\s+Bach Mai Hospital$/m);

    const json = JSON.parse(runCli(['entities', '--db', dbPath, '--json']).stdout) as { name: string; mentions: number; documents: number }[];
    expect(json.map((entity) => [entity.name, entity.mentions, entity.documents])).toEqual([
      ['Hue Cancer Centre', 2, 2],
      ['Bach Mai Hospital', 0, 0],
    ]);
    expect(JSON.parse(runCli(['entities', '--db', dbPath, '--label', 'PERSON', '--json']).stdout)).toEqual([]);
    expect(runCli(['entities', '--db', dbPath, '--label', 'PERSON']).stdout.trim()).toBe('no entities');
  });

  it('lists link suggestions with their reasons and explanations', () => {
    const dbPath = project();
    const text = runCli(['entities', '--db', dbPath, 'suggestions']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('spelling_variant HOSPITAL   1 span → entity 1 "Hue Cancer Centre"');
    expect(text.stdout).toContain('same name in British and American spelling (centre/center): "Hue Cancer Centre" / "Hue Cancer Center"');
    expect(text.stdout).toContain('same_form        HOSPITAL   1 span → entity 2 "Bach Mai Hospital"');
    expect(text.stdout).toContain('spelling_variant PERSON     2 spans → new entity "Trần Văn Minh"');
    expect(text.stdout).toContain('same name with and without diacritics: "Trần Văn Minh" / "Tran Van Minh"');

    const json = JSON.parse(runCli(['entities', '--db', dbPath, 'suggestions', '--json']).stdout) as Record<string, unknown>[];
    expect(json.map((s) => [s.reason, s.label, s.entityId])).toEqual([
      ['spelling_variant', 'PERSON', null],
      ['same_form', 'HOSPITAL', 2],
      ['spelling_variant', 'HOSPITAL', 1],
    ]);
    expect(Object.keys(json[0] ?? {}).sort()).toEqual(['entityId', 'explanation', 'key', 'label', 'name', 'reason', 'spanIds', 'surfaces']);
    const person = JSON.parse(runCli(['entities', '--db', dbPath, 'suggestions', '--label', 'PERSON', '--json']).stdout) as unknown[];
    expect(person).toHaveLength(1);
  });

  it('reports bad use in one line with the right exit status', () => {
    const dbPath = project();
    const help = runCli(['entities', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: marginalia entities/);
    expect(runCli(['entities', '--db', dbPath, 'merge']).status).toBe(2);
    const label = runCli(['entities', '--db', dbPath, '--label', 'DRUG']);
    expect(label.status).toBe(1);
    expect(label.stderr).toBe('marginalia: unknown label DRUG\n');
    const missing = runCli(['entities', '--db', join(tempDir(), 'none.sqlite')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/none\.sqlite: no such project file/);
  });
});
