/**
 * The built-in labels' colours stay apart for the common colour-vision
 * deficiencies. Each colour is seen as a dichromat sees it, by the matrices of
 * Machado, Oliveira and Fernandes (2009) at full severity (culori's
 * filterDeficiency*), and every pair must keep a CIEDE2000 difference of at
 * least 20: far more than a just-noticeable difference (about 1–2), enough to
 * tell two 2-pixel underlines apart at a glance.
 */
import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, parse, wcagContrast, type Color } from 'culori';
import { describe, expect, it } from 'vitest';
import { listLabels } from '../../src/main/store/labels.js';
import { createTestProject } from '../helpers/project.js';

const MIN_DISTANCE = 20;

const VISION: Readonly<Record<string, (color: Color) => Color>> = {
  normal: (color) => color,
  protanopia: filterDeficiencyProt(1),
  deuteranopia: filterDeficiencyDeuter(1),
  tritanopia: filterDeficiencyTrit(1),
};

const distance = differenceCiede2000();

/** The closest pair of colours as one kind of vision sees them. */
function closestPair(colors: readonly string[], see: (color: Color) => Color): { pair: string; distance: number } {
  let closest = { pair: '', distance: Infinity };
  for (let i = 0; i < colors.length; i++) {
    for (let j = i + 1; j < colors.length; j++) {
      const a = see(parse(colors[i] as string) as Color);
      const b = see(parse(colors[j] as string) as Color);
      const d = distance(a, b);
      if (d < closest.distance) closest = { pair: `${colors[i]} ${colors[j]}`, distance: d };
    }
  }
  return closest;
}

describe('the default label colours', () => {
  it('simulates a deficiency the way the published matrices do', () => {
    // Pure red as a protanope sees it: dark olive, far from red, near an olive green.
    const red = parse('#ff0000') as Color;
    expect(distance(red, VISION.protanopia?.(red) as Color)).toBeGreaterThan(30);
    // Red and green, told apart with normal vision, come close for a deuteranope.
    expect(closestPair(['#d62728', '#2ca02c'], VISION.normal as (c: Color) => Color).distance).toBeGreaterThan(MIN_DISTANCE);
    expect(closestPair(['#d62728', '#2ca02c'], VISION.deuteranopia as (c: Color) => Color).distance).toBeLessThan(MIN_DISTANCE);
  });

  it('keep every pair apart for normal vision, protanopia, deuteranopia and tritanopia, in a new project', () => {
    const { db } = createTestProject();
    const colors = listLabels(db).map((label) => label.color);
    expect(colors).toHaveLength(4);
    const closest = Object.fromEntries(Object.entries(VISION).map(([vision, see]) => [vision, closestPair(colors, see)]));
    for (const [vision, { pair, distance: d }] of Object.entries(closest)) {
      expect(d, `${vision}: ${pair} are only ΔE00 ${d.toFixed(1)} apart`).toBeGreaterThanOrEqual(MIN_DISTANCE);
    }
  });

  it('stand out as underlines on the light page (3:1)', () => {
    const { db } = createTestProject();
    for (const label of listLabels(db)) expect(wcagContrast(label.color, '#fbfaf7'), label.name).toBeGreaterThanOrEqual(3);
  });
});
