/**
 * Settings. The display (theme, text size) belongs to this browser and applies
 * at once. The project's settings (how numeric dates are read by the date
 * recogniser, whether an import proposes spans) are saved at once in the
 * project file, for everyone who opens it.
 */
import { useEffect, useState } from 'react';
import type { ProjectSettingsDto } from '../../../shared/api.js';
import { call } from '../../api-client.js';
import { Dialog } from '../../components/Dialog.js';
import { useUiStore } from '../../stores/ui-store.js';
import { readDisplaySettings, saveDisplaySettings, TEXT_SIZES, THEMES, type DisplaySettings, type TextSize, type Theme } from './display-settings.js';

const THEME_NAMES: Readonly<Record<Theme, string>> = { system: 'As the system', light: 'Light', dark: 'Dark' };
const TEXT_SIZE_NAMES: Readonly<Record<TextSize, string>> = { small: 'Small', normal: 'Normal', large: 'Large', larger: 'Larger' };

/** Theme and text size, kept in this browser and shown at once. */
function DisplayFieldset() {
  const [display, setDisplay] = useState<DisplaySettings>(readDisplaySettings);
  const change = (next: Partial<DisplaySettings>): void => {
    const settings = { ...display, ...next };
    setDisplay(settings);
    saveDisplaySettings(settings);
  };
  return (
    <fieldset className="display-settings">
      <legend>Display (this browser)</legend>
      <div role="radiogroup" aria-label="Theme" className="inline-choices">
        <span>Theme:</span>
        {THEMES.map((theme) => (
          <label key={theme} className="radio">
            <input type="radio" name="theme" value={theme} checked={display.theme === theme} onChange={() => change({ theme })} />
            {THEME_NAMES[theme]}
          </label>
        ))}
      </div>
      <label className="inline-choices">
        Text size{' '}
        <select value={display.textSize} onChange={(event) => change({ textSize: event.target.value as TextSize })} aria-label="Text size">
          {(Object.keys(TEXT_SIZES) as TextSize[]).map((size) => (
            <option key={size} value={size}>
              {TEXT_SIZE_NAMES[size]}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

/** The Settings dialog. */
export function SettingsDialog() {
  const close = useUiStore((s) => s.closeDialog);
  const [settings, setSettings] = useState<ProjectSettingsDto | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('settings:get', {})
      .then((loaded) => {
        if (live) setSettings(loaded);
      })
      .catch((error: unknown) => {
        if (live) setProblem('The settings could not be read.');
        useUiStore.getState().reportError(error);
      });
    return () => {
      live = false;
    };
  }, []);

  const save = async (change: Partial<ProjectSettingsDto>): Promise<void> => {
    if (!settings) return;
    setSaving(true);
    // Shown at once; put back if the project refuses it.
    const before = settings;
    setSettings({ ...settings, ...change });
    try {
      setSettings(await call('settings:update', change));
      setProblem(null);
    } catch (error) {
      setSettings(before);
      setProblem('The change was not saved.');
      useUiStore.getState().reportError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog label="Settings" heading="Settings" onClose={close} className="settings-dialog" closeText="Close">
      <DisplayFieldset />
      <h3 className="settings-heading">This project (saved in the project file)</h3>
      {settings === null ? (
        <p role="status">{problem ?? 'Loading…'}</p>
      ) : (
        <form className="settings-form" onSubmit={(event) => event.preventDefault()} aria-busy={saving}>
          <fieldset>
            <legend>Numeric dates such as 03/04/2025</legend>
            <label>
              <input
                type="radio"
                name="date-order"
                value="day-first"
                checked={settings.dateOrder === 'day-first'}
                onChange={() => void save({ dateOrder: 'day-first' })}
              />
              Day first (3 April 2025)
            </label>
            <label>
              <input
                type="radio"
                name="date-order"
                value="month-first"
                checked={settings.dateOrder === 'month-first'}
                onChange={() => void save({ dateOrder: 'month-first' })}
              />
              Month first (March 4, 2025)
            </label>
            <p className="hint">Applies to spans proposed from now on; suggestions already made keep their values.</p>
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" checked={settings.suggestAfterImport} onChange={(event) => void save({ suggestAfterImport: event.target.checked })} />
            Propose spans for imported documents
          </label>
          <fieldset>
            <legend>Blind annotation: each annotator sees only their own spans and the suggestions they have not decided</legend>
            {([
              [null, 'Automatic: on once the project has a second annotator'],
              [true, 'On'],
              [false, 'Off: everyone sees every span, and a decided suggestion is decided for all'],
            ] as const).map(([value, text]) => (
              <label key={String(value)}>
                <input type="radio" name="blind-annotation" checked={settings.blindAnnotation === value} onChange={() => void save({ blindAnnotation: value })} />
                {text}
              </label>
            ))}
          </fieldset>
          {problem !== null ? (
            <p className="field-error" role="alert">
              {problem}
            </p>
          ) : null}
        </form>
      )}
    </Dialog>
  );
}
