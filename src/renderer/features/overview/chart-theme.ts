/**
 * The colours charts are drawn with, taken from the workbench's own CSS
 * variables so a chart follows light and dark mode like the rest of the page.
 */
import { useEffect, useState } from 'react';

export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly line: string;
  readonly surface: string;
  readonly accent: string;
  readonly danger: string;
  readonly ok: string;
  /** False when the person asked for reduced motion. */
  readonly animate: boolean;
}

/** Fallbacks for a variable the page does not set (the light theme's values). */
const LIGHT: ChartTheme = {
  text: '#1f2328',
  muted: '#5f6670',
  line: '#dcd8cf',
  surface: '#ffffff',
  accent: '#2f5d8a',
  danger: '#a4262c',
  ok: '#2e7d4f',
  animate: true,
};

/** The chart colours of the page as it is styled now. */
export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const variable = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: variable('--text', LIGHT.text),
    muted: variable('--muted', LIGHT.muted),
    line: variable('--line', LIGHT.line),
    surface: variable('--surface', LIGHT.surface),
    accent: variable('--accent', LIGHT.accent),
    danger: variable('--danger', LIGHT.danger),
    ok: variable('--ok', LIGHT.ok),
    animate: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  };
}

/** The chart theme, read again when the system, or the theme chosen in Settings, switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readChartTheme);
  useEffect(() => {
    const queries = ['(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)'].map((query) => window.matchMedia(query));
    const update = (): void => setTheme(readChartTheme());
    for (const query of queries) query.addEventListener('change', update);
    // A theme chosen in Settings is an attribute on the root element.
    const chosen = new MutationObserver(update);
    chosen.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      for (const query of queries) query.removeEventListener('change', update);
      chosen.disconnect();
    };
  }, []);
  return theme;
}
