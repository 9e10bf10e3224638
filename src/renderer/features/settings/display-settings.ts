/**
 * How the workbench looks to the person at this screen: light, dark or the
 * system's theme, and the text size. They belong to the person, not to the
 * project (two annotators of one project may want different ones), so they
 * are kept in this browser like the annotator's name, and applied to the
 * page's root element, where the style sheet picks them up.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Text sizes, each the root font size in CSS pixels (every size in the workbench follows it). */
export const TEXT_SIZES = { small: 13, normal: 15, large: 17, larger: 19 } as const;
export type TextSize = keyof typeof TEXT_SIZES;

export interface DisplaySettings {
  readonly theme: Theme;
  readonly textSize: TextSize;
}

export const DEFAULT_DISPLAY: DisplaySettings = { theme: 'system', textSize: 'normal' };

const THEME_KEY = 'marginalia.theme';
const TEXT_SIZE_KEY = 'marginalia.textSize';

function isTheme(value: string | null): value is Theme {
  return (THEMES as readonly (string | null)[]).includes(value);
}

function isTextSize(value: string | null): value is TextSize {
  return value !== null && Object.hasOwn(TEXT_SIZES, value);
}

/** The display settings kept in this browser (the defaults where none are, or storage is off). */
export function readDisplaySettings(): DisplaySettings {
  try {
    const theme = globalThis.localStorage?.getItem(THEME_KEY) ?? null;
    const textSize = globalThis.localStorage?.getItem(TEXT_SIZE_KEY) ?? null;
    return { theme: isTheme(theme) ? theme : DEFAULT_DISPLAY.theme, textSize: isTextSize(textSize) ? textSize : DEFAULT_DISPLAY.textSize };
  } catch {
    return DEFAULT_DISPLAY;
  }
}

/** Shows the page in `settings`: `data-theme` (absent for the system's) and `data-text-size` on the root element. */
export function applyDisplaySettings(settings: DisplaySettings, root: HTMLElement = document.documentElement): void {
  if (settings.theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', settings.theme);
  if (settings.textSize === DEFAULT_DISPLAY.textSize) root.removeAttribute('data-text-size');
  else root.setAttribute('data-text-size', settings.textSize);
}

/** Keeps `settings` in this browser and shows the page in them at once. */
export function saveDisplaySettings(settings: DisplaySettings): void {
  try {
    globalThis.localStorage?.setItem(THEME_KEY, settings.theme);
    globalThis.localStorage?.setItem(TEXT_SIZE_KEY, settings.textSize);
  } catch {
    // Storage is off: the choice holds until the page is reloaded.
  }
  applyDisplaySettings(settings);
}
