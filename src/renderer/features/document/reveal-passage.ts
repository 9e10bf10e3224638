/**
 * Lights up a passage of the document view for a moment after it was opened
 * from elsewhere (a duplicate member, a mention). It uses the CSS Custom
 * Highlight API over the rendered text runs, so no block is redrawn and the
 * DOM, selection and offsets are left alone.
 */

const HIGHLIGHT_NAME = 'passage-reveal';
const HIGHLIGHT_MS = 2500;

let clearTimer: ReturnType<typeof setTimeout> | undefined;

interface RunPoint {
  readonly node: Text;
  readonly offset: number;
  readonly element: HTMLElement;
}

/**
 * The text node and offset at UTF-16 index `indexU16` among the runs rendered in
 * `root`; unless `exact`, the nearest rendered point inside the passage will do.
 */
function pointAtU16(root: Element, indexU16: number, bias: 'start' | 'end', exact: boolean): RunPoint | null {
  let after: RunPoint | null = null;
  let before: RunPoint | null = null;
  for (const run of root.querySelectorAll<HTMLElement>('[data-u16]')) {
    const node = run.firstChild;
    if (!(node instanceof Text)) continue;
    const start = Number(run.getAttribute('data-u16'));
    const end = start + node.length;
    const inside = bias === 'start' ? indexU16 >= start && indexU16 < end : indexU16 > start && indexU16 <= end;
    if (inside) return { node, offset: indexU16 - start, element: run };
    if (start >= indexU16 && after === null) after = { node, offset: 0, element: run };
    if (end <= indexU16) before = { node, offset: node.length, element: run };
  }
  if (exact) return null;
  return bias === 'start' ? after : before;
}

/**
 * Lights up [startU16, endU16) where it is rendered and scrolls its start into
 * view. False while its start is not drawn yet; with `exact` false, whatever part
 * of it is drawn is enough.
 */
export function revealPassage(root: Element, startU16: number, endU16: number, exact: boolean): boolean {
  const start = pointAtU16(root, startU16, 'start', exact);
  const end = pointAtU16(root, endU16, 'end', false);
  if (!start || !end || end.node.compareDocumentPosition(start.node) & Node.DOCUMENT_POSITION_FOLLOWING) return false;
  start.element.scrollIntoView({ block: 'start' });
  const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
  if (!registry || typeof Highlight === 'undefined') return true;
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  registry.set(HIGHLIGHT_NAME, new Highlight(range));
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => registry.delete(HIGHLIGHT_NAME), HIGHLIGHT_MS);
  return true;
}
