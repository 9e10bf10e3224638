import { describe, expect, it } from 'vitest';
import { attachmentDisposition, downloadFileName } from '../../src/main/server/download-name.js';

describe('download file names', () => {
  it('keeps the name the Export dialog suggested, with the format’s extension', () => {
    expect(downloadFileName('sample-export.jsonl', 'jsonl')).toBe('sample-export.jsonl');
    expect(downloadFileName('sample-export', 'csv')).toBe('sample-export.csv');
    expect(downloadFileName('Bệnh viện.JSONL', 'jsonl')).toBe('Bệnh viện.jsonl');
  });

  it('drops folders, reserved and control characters and leading dots; falls back when nothing is left', () => {
    expect(downloadFileName('../../etc/passwd', 'json')).toBe('passwd.json');
    expect(downloadFileName('C:\\Users\\x\\a<b>:c.csv', 'csv')).toBe('abc.csv');
    expect(downloadFileName('.hidden\u0000name\u202e.zip', 'zip')).toBe('hiddenname.zip');
    expect(downloadFileName('...', 'zip')).toBe('marginalia-export.zip');
    expect(downloadFileName(null, 'conll')).toBe('marginalia-export.conll');
    expect(downloadFileName('x'.repeat(500), 'csv')).toBe(`${'x'.repeat(60)}.csv`);
  });

  it('writes an ASCII name for old clients and the exact one percent-encoded', () => {
    expect(attachmentDisposition('Bệnh viện "A".csv')).toBe(`attachment; filename="B_nh vi_n _A_.csv"; filename*=UTF-8''B%E1%BB%87nh%20vi%E1%BB%87n%20%22A%22.csv`);
  });
});
