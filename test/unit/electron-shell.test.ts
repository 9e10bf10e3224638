import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, isAppPage } from '../../src/main/electron/paths.js';

const ROOT = join(import.meta.dirname, '../..');

describe('the desktop shell', () => {
  it('trusts only the workbench page on its own scheme, never a file:// page', () => {
    expect(isAppPage(APP_PAGE_URL)).toBe(true);
    expect(isAppPage(`${APP_PAGE_URL}?document=12#x`)).toBe(true);
    expect(isAppPage(`file://${join(ROOT, 'dist/renderer/index.html')}`)).toBe(false);
    expect(isAppPage('app://workbench/assets/evil.html')).toBe(false);
    expect(isAppPage('app://elsewhere/index.html')).toBe(false);
    expect(isAppPage('https://workbench/index.html')).toBe(false);
  });

  it('is packaged with the fuses Electron recommends, in a configuration electron-builder accepts', () => {
    const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };
    const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
