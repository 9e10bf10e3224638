import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/** Lints a snippet as if it lived at `path`, returning the boundary rule's messages. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries (lint)', () => {
  it('keeps Node and the UI out of src/shared', async () => {
    const errors = await boundaryErrors('src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('src/shared runs in every process: no Node imports.');
    expect(await boundaryErrors('src/shared/x.ts', "import { create } from 'zustand';\nexport const c = create;\n")).toHaveLength(1);
  });

  it('keeps React out of src/main and the Node side out of the renderer', async () => {
    const errors = await boundaryErrors('src/main/x.ts', "import { useState } from 'react';\nexport const u = useState;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('src/main never imports React.');
    expect(await boundaryErrors('src/renderer/x.ts', "import { openProject } from '../main/store/connection.js';\nexport const o = openProject;\n")).toHaveLength(1);
    expect(await boundaryErrors('src/renderer/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toHaveLength(1);
  });

  it('lets shared code be imported from both sides', async () => {
    const code = "import { OffsetMap } from '../shared/offsets.js';\nexport const m = OffsetMap;\n";
    expect(await boundaryErrors('src/main/x.ts', code)).toEqual([]);
    expect(await boundaryErrors('src/renderer/x.ts', code)).toEqual([]);
  });
});
