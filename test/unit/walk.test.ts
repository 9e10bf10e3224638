/**
 * The folder walk follows links, so it must follow each real file and folder
 * once: a link back to a folder being walked is a loop, reported once and not
 * followed, and the walk goes on with everything else.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkPaths } from '../../src/main/import/walk.js';
import { tempDir } from '../helpers/project.js';
import { writeFiles } from '../helpers/files.js';

describe('walking folders', () => {
  it('reports each link back to a folder being walked once, and lists every file once', () => {
    const root = tempDir();
    writeFiles(root, { 'top.txt': 'top', 'docs/a.txt': 'a', 'docs/deeper/b.txt': 'b' });
    // Two links to the folder above: followed blindly, every path doubles at each level.
    symlinkSync('..', join(root, 'docs', 'up-one'));
    symlinkSync(root, join(root, 'docs', 'up-two'));
    symlinkSync('../..', join(root, 'docs', 'deeper', 'up-three'));

    const { files, problems } = walkPaths([root]);

    expect(files.map((file) => file.path)).toEqual([join(root, 'docs', 'a.txt'), join(root, 'docs', 'deeper', 'b.txt'), join(root, 'top.txt')]);
    expect(problems).toEqual([
      { path: join(root, 'docs', 'deeper', 'up-three'), reason: `link loop: ${join(root, 'docs', 'deeper', 'up-three')} points back to ${root}, which is being read; not followed` },
      { path: join(root, 'docs', 'up-one'), reason: `link loop: ${join(root, 'docs', 'up-one')} points back to ${root}, which is being read; not followed` },
      { path: join(root, 'docs', 'up-two'), reason: `link loop: ${join(root, 'docs', 'up-two')} points back to ${root}, which is being read; not followed` },
    ]);
  });

  it('says a link that leads to itself is a loop', () => {
    const root = tempDir();
    writeFiles(root, { 'a.txt': 'a' });
    symlinkSync('self', join(root, 'self'));
    const { files, problems } = walkPaths([root]);
    expect(files.map((file) => file.path)).toEqual([join(root, 'a.txt')]);
    expect(problems).toEqual([{ path: join(root, 'self'), reason: 'link loop: the links never reach a file or folder' }]);
  });

  it('reads a folder or file reached by two ways once, without calling it a loop', () => {
    const root = tempDir();
    writeFiles(root, { 'real/x.txt': 'x', 'y.txt': 'y' });
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    symlinkSync(join(root, 'y.txt'), join(root, 'z.txt'));
    const { files, problems } = walkPaths([root, join(root, 'real', 'x.txt')]);
    expect(files.map((file) => file.path)).toEqual([join(root, 'alias', 'x.txt'), join(root, 'y.txt')]);
    expect(problems).toEqual([]);
  });

  it('finishes a deep tree of links quickly enough to list it at all', () => {
    // Eight folders each linking to the root: 8^40 paths if links were followed by name.
    const root = tempDir();
    for (let n = 0; n < 8; n++) {
      mkdirSync(join(root, `d${n}`));
      writeFileSync(join(root, `d${n}`, 'note.txt'), `note ${n}`);
      for (let m = 0; m < 8; m++) symlinkSync(root, join(root, `d${n}`, `link${m}`));
    }
    const { files, problems } = walkPaths([root]);
    expect(files).toHaveLength(8);
    expect(problems).toHaveLength(64);
    expect(new Set(problems.map((problem) => problem.reason.replace(/ points back .*/, '').replace(/\/d\d\/link\d$/, '')))).toEqual(new Set([`link loop: ${root}`]));
  });
});
