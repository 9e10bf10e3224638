/**
 * The text of the open document, exactly as stored, with its spans, noise and
 * the gutter marks of duplicate passages. The text is cut into blocks of at most
 * ~2,000 UTF-16 units and only the blocks near the viewport are in the DOM
 * (react-virtual measures their real height), so a 200,000-character document
 * scrolls like a short one.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { DOCUMENT_TEXT_ID } from '../../components/element-ids.js';
import { useDocumentStore, type OpenDocument } from '../../stores/document-store.js';
import { MAX_NAMES_PER_DOCUMENT, useEntityNamesStore } from '../../stores/entity-names-store.js';
import { useLabelTagsStore } from '../../stores/label-tags-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import type { EntitySummaryDto, SpanDto } from '../../../shared/api.js';
import { openClusterOfPassage } from '../duplicates/duplicate-commands.js';
import { moveSpanSelection } from '../workbench/commands.js';
import { selectionInText } from './dom-selection.js';
import { OffsetMap } from '../../../shared/offsets.js';
import { revealPassage } from './reveal-passage.js';
import {
  blockIndexAt,
  blockRanges,
  overlapsByBlock,
  passagesByBlock,
  placeNoise,
  placePassages,
  placeSpans,
  segmentBlock,
  type Block,
  type PlacedNoise,
  type PlacedPassage,
  type PlacedSpan,
} from './segments.js';
import { SpanText } from './SpanText.js';

/** Rough height of a block before it is measured: lines of ~80 characters at the reading line height. */
function estimateHeight(text: string, block: { readonly startU16: number; readonly endU16: number }): number {
  let lines = 1;
  let lineLength = 0;
  for (let i = block.startU16; i < block.endU16; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      lines += 1 + Math.floor(lineLength / 80);
      lineLength = 0;
    } else lineLength++;
  }
  lines += Math.floor(lineLength / 80);
  return lines * 29;
}

/** Where keyboard selection starts when nothing is selected in the text yet: the first character in view. */
function caretAtTopOfView(root: HTMLElement, scroller: HTMLElement): { node: Node; offset: number } | null {
  const view = scroller.getBoundingClientRect();
  const text = root.getBoundingClientRect();
  const x = text.left + 1;
  const y = Math.max(view.top, text.top) + 4;
  const position = document.caretPositionFromPoint?.(x, y);
  if (position && root.contains(position.offsetNode)) return { node: position.offsetNode, offset: position.offset };
  const range = document.caretRangeFromPoint?.(x, y);
  if (range && root.contains(range.startContainer)) return { node: range.startContainer, offset: range.startOffset };
  for (const run of root.querySelectorAll<HTMLElement>('[data-u16]:not(.cr)')) {
    if (run.getBoundingClientRect().bottom >= view.top && run.firstChild instanceof Text) return { node: run.firstChild, offset: 0 };
  }
  return null;
}

/** The open document's text; remounted per document (keyed by id) so scroll and measurements start fresh. */
export function DocumentText({ doc }: { readonly doc: OpenDocument }) {
  const labels = useLabelsStore((s) => s.byName);
  const labelTags = useLabelTagsStore((s) => s.placement);
  const selectedSpanId = useDocumentStore((s) => s.selectedSpanId);
  const anchorU16 = useDocumentStore((s) => s.textSelection?.anchorU16 ?? null);
  // The text's blocks depend on the text alone; an edit re-cuts only the blocks it touches.
  const offsets = useMemo(() => new OffsetMap(doc.text), [doc.text]);
  const ranges = useMemo(() => blockRanges(doc.text), [doc.text]);
  const heights = useMemo(() => ranges.map((range) => estimateHeight(doc.text, range)), [ranges, doc.text]);
  // A rejected suggestion is a decision, not a span: the text does not draw it.
  const placedSpans = useMemo(() => placeSpans(offsets, whoseWhenSeveral(withoutRejected(doc.spans))), [offsets, doc.spans]);
  const placedNoise = useMemo(() => placeNoise(offsets, doc.noise), [offsets, doc.noise]);
  // Rejected clusters are not duplicates: their passages carry no mark.
  const passages = useMemo(() => placePassages(offsets, doc.duplicates.filter((mark) => mark.status !== 'rejected')), [offsets, doc.duplicates]);
  const overlaps = useMemo(() => overlapsByBlock(ranges, placedSpans, placedNoise), [ranges, placedSpans, placedNoise]);
  const blockPassages = useMemo(() => passagesByBlock(ranges, passages), [ranges, passages]);
  const entities = useEntityNamesStore((s) => s.byId);
  // Tooltips name the linked entities; the first few hundred of a document are looked up.
  useEffect(() => {
    const ids = new Set<number>();
    for (const span of doc.spans) {
      if (span.entityId === null) continue;
      ids.add(span.entityId);
      if (ids.size >= MAX_NAMES_PER_DOCUMENT) break;
    }
    const missing = [...ids].filter((id) => !entities.has(id));
    if (missing.length > 0) void useEntityNamesStore.getState().ensure(missing);
  }, [doc.spans, entities]);
  const blockCache = useRef(new Map<number, CachedBlock>());
  /** A block ready to draw: the cached one while the spans, noise, passages and names over it are unchanged, so React skips it. */
  const blockAt = (index: number): CachedBlock => {
    const over = overlaps[index] ?? { spans: [], noise: [] };
    const starting = blockPassages[index] ?? [];
    const names = entityNamesIn(over.spans, entities);
    const key = blockKey(over.spans, over.noise, starting, names);
    const cached = blockCache.current.get(index);
    if (cached && cached.key === key) return cached;
    const block = segmentBlock(index, ranges[index] as { startU16: number; endU16: number }, over.spans, over.noise, starting);
    const entry = { key, block, names };
    blockCache.current.set(index, entry);
    return entry;
  };
  const scrollRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);

  // The block where a selection started stays mounted while the user scrolls on extending it.
  const pinned = anchorU16 === null ? null : blockIndexAt(ranges, anchorU16);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (pinned === null || indexes.includes(pinned) || pinned >= range.count) return indexes;
      return [...indexes, pinned].sort((a, b) => a - b);
    },
    [pinned],
  );

  const virtualizer = useVirtualizer({
    count: ranges.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => heights[index] ?? 29,
    overscan: 2,
    rangeExtractor,
    useFlushSync: false,
  });

  useEffect(() => {
    const onSelectionChange = (): void => {
      const root = textRef.current;
      if (!root) return;
      useDocumentStore.getState().setTextSelection(selectionInText(root, document.getSelection()));
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  // Bring the selected span into view (keyboard navigation may select one far away).
  useEffect(() => {
    if (selectedSpanId === null) return;
    const selector = `mark[data-span-id="${selectedSpanId}"]`;
    const visible = textRef.current?.querySelector(selector);
    if (visible) {
      // After the paint: scrolling forces a layout, which must not hold back showing a new span.
      const frame = requestAnimationFrame(() => visible.scrollIntoView({ block: 'nearest' }));
      return () => cancelAnimationFrame(frame);
    }
    const span = placedSpans.find((s) => s.id === selectedSpanId);
    if (!span) return;
    virtualizer.scrollToIndex(blockIndexAt(ranges, span.startU16), { align: 'start' });
    const frame = requestAnimationFrame(() => textRef.current?.querySelector(selector)?.scrollIntoView({ block: 'center' }));
    return () => cancelAnimationFrame(frame);
    // Only a newly selected span moves the view; an edit elsewhere (new spans) must not.
  }, [selectedSpanId]);

  // A passage opened from elsewhere: bring its block into view, then light the passage up once it is drawn.
  const reveal = useDocumentStore((s) => s.reveal);
  useEffect(() => {
    if (reveal === null) return;
    const startU16 = offsets.toU16(Math.min(reveal.startCp, offsets.lengthCp));
    const endU16 = offsets.toU16(Math.min(reveal.endCp, offsets.lengthCp));
    virtualizer.scrollToIndex(blockIndexAt(ranges, startU16), { align: 'start' });
    let frame = 0;
    let tries = 0;
    const attempt = (): void => {
      const root = textRef.current;
      // A few frames for the block to be drawn; after that, whatever of the passage is drawn is lit up.
      if ((root && revealPassage(root, startU16, endU16, tries < 20)) || ++tries > 40) return;
      frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
    // Only a new request moves the view.
  }, [reveal]);

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const passageMark = (event.target as Element).closest('button[data-cluster-id]');
    if (passageMark) {
      void openClusterOfPassage(Number(passageMark.getAttribute('data-cluster-id')), Number(passageMark.getAttribute('data-member-id')));
      return;
    }
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    const mark = (event.target as Element).closest('mark[data-span-id]');
    useDocumentStore.getState().selectSpan(mark ? Number(mark.getAttribute('data-span-id')) : null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const root = textRef.current;
    const scroller = scrollRef.current;
    if (!root || !scroller) return;
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey && useDocumentStore.getState().selectedSpanId !== null) {
      // Tab walks the spans; past the last (or before the first) it leaves the text as usual.
      if (moveSpanSelection(event.shiftKey ? -1 : 1)) event.preventDefault();
      return;
    }
    const arrows: Record<string, ['forward' | 'backward', 'character' | 'line']> = {
      ArrowRight: ['forward', 'character'],
      ArrowLeft: ['backward', 'character'],
      ArrowDown: ['forward', 'line'],
      ArrowUp: ['backward', 'line'],
    };
    const move = arrows[event.key];
    if (!move || !event.shiftKey || event.metaKey) return;
    const selection = document.getSelection();
    if (!selection) return;
    if (!selection.anchorNode || !root.contains(selection.anchorNode)) {
      const start = caretAtTopOfView(root, scroller);
      if (!start) return;
      selection.collapse(start.node, start.offset);
    }
    event.preventDefault();
    const [direction, unit] = move;
    selection.modify('extend', direction, unit === 'character' && (event.ctrlKey || event.altKey) ? 'word' : unit);
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="doc-scroll" ref={scrollRef}>
      <div
        id={DOCUMENT_TEXT_ID}
        className="doc-text"
        data-label-tags={labelTags}
        ref={textRef}
        tabIndex={0}
        role="region"
        aria-label="Document text"
        aria-describedby="doc-text-help"
        onClick={onClick}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const { block, names } = blockAt(item.index);
          // Only the block holding the selected span hears of it, so selecting does not redraw the rest.
          const selectedHere = selectedSpanId !== null && (overlaps[item.index]?.spans.some((span) => span.id === selectedSpanId) ?? false);
          return (
            <div
              key={item.key}
              className="doc-block"
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <SpanText text={doc.text} nodes={block.nodes} labels={labels} selectedSpanId={selectedHere ? selectedSpanId : null} entityNames={names} />
            </div>
          );
        })}
      </div>
      <p id="doc-text-help" className="visually-hidden">
        Select text with the mouse or Shift and the arrow keys, then press a label key. Press ? for every shortcut.
      </p>
    </div>
  );
}

interface CachedBlock {
  readonly key: string;
  readonly block: Block;
  /** Names of the entities the block's spans are linked to. */
  readonly names: ReadonlyMap<number, string>;
}

const NO_NAMES: ReadonlyMap<number, string> = new Map();

/** The spans the text draws: all but rejected suggestions (the same array when there are none, so nothing is copied). */
function withoutRejected<T extends { readonly status: string }>(spans: readonly T[]): readonly T[] {
  return spans.some((span) => span.status === 'rejected') ? spans.filter((span) => span.status !== 'rejected') : spans;
}

/** The names of the entities `spans` are linked to, as far as they are known. */
function entityNamesIn(spans: readonly PlacedSpan[], entities: ReadonlyMap<number, EntitySummaryDto>): ReadonlyMap<number, string> {
  let names: Map<number, string> | null = null;
  for (const span of spans) {
    if (span.entityId === null) continue;
    const entity = entities.get(span.entityId);
    if (entity) (names ??= new Map()).set(span.entityId, entity.name);
  }
  return names ?? NO_NAMES;
}

/** The spans with whose each is, when they are several annotators' (everyone's shown): otherwise nobody needs telling. */
function whoseWhenSeveral(spans: readonly SpanDto[]): readonly (SpanDto | Omit<SpanDto, 'annotator'>)[] {
  const annotators = new Set(spans.flatMap((span) => (span.annotator === '' ? [] : [span.annotator])));
  return annotators.size > 1 ? spans : spans.map(({ annotator: _annotator, ...span }) => span);
}

/** What decides a block's drawing: the spans, noise and passages over it, with everything their marks show. */
function blockKey(spans: readonly PlacedSpan[], noise: readonly PlacedNoise[], passages: readonly PlacedPassage[], names: ReadonlyMap<number, string>): string {
  let key = '';
  for (const span of spans) {
    key += `${span.id}:${span.label}:${span.status}:${span.startU16}:${span.endU16}:${span.annotator ?? ''}`;
    if (span.status === 'suggested') key += `:${span.recogniser ?? ''}:${span.confidence ?? ''}:${span.learntFrom?.accepted ?? ''}:${span.learntFrom?.rejected ?? ''}`;
    key += span.entityId === null ? '|' : `:${span.entityId}=${names.get(span.entityId) ?? ''}|`;
  }
  key += '/';
  for (const mark of noise) key += `${mark.kind}:${mark.startU16}:${mark.endU16}|`;
  key += '/';
  for (const passage of passages) key += `${passage.clusterId}:${passage.memberId}:${passage.kind}:${passage.status}:${passage.otherDocuments}:${passage.otherMembers}:${passage.startU16}:${passage.endCp}|`;
  return key;
}
