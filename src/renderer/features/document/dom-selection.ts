/**
 * Maps DOM selection points inside the document view to UTF-16 indices of the
 * document's text. Every rendered text run sits in an element carrying
 * `data-u16` (its start in the text), so a point in a text node is that start
 * plus the offset; a point between elements resolves to the nearest run.
 */

const RUN_SELECTOR = '[data-u16]';

function runStart(element: Element): number | null {
  const value = element.getAttribute('data-u16');
  if (value === null) return null;
  const start = Number(value);
  return Number.isInteger(start) ? start : null;
}

/** The first text run at or after `node` inside `root`, in document order. */
function firstRunFrom(node: Node, root: Element): Element | null {
  if (node instanceof Element) {
    if (node.matches(RUN_SELECTOR)) return node;
    const inside = node.querySelector(RUN_SELECTOR);
    if (inside) return inside;
  }
  let current: Node | null = node;
  while (current && current !== root) {
    let sibling = current.nextSibling;
    while (sibling) {
      if (sibling instanceof Element) {
        const run = sibling.matches(RUN_SELECTOR) ? sibling : sibling.querySelector(RUN_SELECTOR);
        if (run) return run;
      }
      sibling = sibling.nextSibling;
    }
    current = current.parentNode;
  }
  return null;
}

/** The last text run before `node` (exclusive) inside `container`. */
function lastRunIn(container: Element): Element | null {
  const runs = container.querySelectorAll(RUN_SELECTOR);
  return runs.length > 0 ? (runs[runs.length - 1] as Element) : null;
}

/** UTF-16 index in the text for a DOM point, or null when the point is outside `root`. */
export function pointToU16(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const run = node.parentElement?.closest(RUN_SELECTOR);
    if (!run || !root.contains(run)) return null;
    const start = runStart(run);
    return start === null ? null : start + offset;
  }
  if (!(node instanceof Element)) return null;
  const owner = node.closest(RUN_SELECTOR);
  if (owner && root.contains(owner)) {
    const start = runStart(owner);
    if (start === null) return null;
    // A point on the run element itself: before or after its text.
    return offset === 0 ? start : start + (owner.textContent ?? '').length;
  }
  const child = node.childNodes[offset];
  const next = child ? firstRunFrom(child, root) : null;
  if (next) return runStart(next);
  const last = lastRunIn(node) ?? lastRunIn(root);
  if (!last) return null;
  const start = runStart(last);
  return start === null ? null : start + (last.textContent ?? '').length;
}

/** The current selection inside `root` as UTF-16 anchor and focus, or null when it is elsewhere or empty. */
export function selectionInText(root: Element, selection: Selection | null): { anchorU16: number; focusU16: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode) return null;
  const anchorU16 = pointToU16(root, anchorNode, selection.anchorOffset);
  const focusU16 = pointToU16(root, focusNode, selection.focusOffset);
  if (anchorU16 === null || focusU16 === null || anchorU16 === focusU16) return null;
  return { anchorU16, focusU16 };
}
