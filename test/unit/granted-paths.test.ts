import { describe, expect, it } from 'vitest';
import { createGrantedPaths } from '../../src/main/electron/granted-paths.js';

describe('paths the desktop app may import from and export to', () => {
  it('reads only what was chosen or dropped, and what lies inside a chosen folder', () => {
    const granted = createGrantedPaths();
    granted.grantRead('/home/lan/corpus');
    granted.grantRead('/home/lan/notes.md');
    expect(granted.refusedReads(['/home/lan/corpus', '/home/lan/corpus/a/b.txt', '/home/lan/notes.md'])).toEqual([]);
    expect(granted.refusedReads(['/home/lan/corpus-old/x.txt', '/home/lan/corpus/../.ssh/id_rsa', '/etc/passwd', '/home/lan/notes.md.bak'])).toEqual([
      '/home/lan/corpus-old/x.txt',
      '/home/lan/corpus/../.ssh/id_rsa',
      '/etc/passwd',
      '/home/lan/notes.md.bak',
    ]);
  });

  it('writes only the exact path chosen in the save dialog', () => {
    const granted = createGrantedPaths();
    expect(granted.mayWrite('/home/lan/dataset.jsonl')).toBe(false);
    granted.grantWrite('/home/lan/dataset.jsonl');
    expect(granted.mayWrite('/home/lan/dataset.jsonl')).toBe(true);
    expect(granted.mayWrite('/home/lan/./dataset.jsonl')).toBe(true);
    expect(granted.mayWrite('/home/lan/dataset.jsonl/../.bashrc')).toBe(false);
    expect(granted.mayWrite('/home/lan/other.jsonl')).toBe(false);
    // Reading a folder grants no writing in it.
    granted.grantRead('/home/lan');
    expect(granted.mayWrite('/home/lan/.bashrc')).toBe(false);
  });
});
