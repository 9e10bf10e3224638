/**
 * W3C Web Annotation (JSON-LD). Texts travel as `Text` resources (`{"id", "type": "Text",
 * "value"}`) in the same file — in a top-level array, among a collection's items, or
 * embedded as an annotation's `target.source` — and Annotations point at them by id.
 * Positions are code points (TextPositionSelector, as the data model requires); an
 * annotation with only a TextQuoteSelector is placed where exact, prefix and suffix match.
 * A bad annotation is refused on its own; its document still goes in.
 */
import { SPAN_STATUSES, type SpanStatus } from '../../../shared/model.js';
import { OffsetMap } from '../../../shared/offsets.js';
import { STATUS_TERM } from '../../export/formats/web-annotation.js';
import type { ImportedSpan, ReaderItem } from '../record.js';
import { isJsonObject, type JsonObject, type Outcome } from './documents.js';
import { foreignSpan } from './foreign-spans.js';
import { titleOr } from './title.js';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

function typeOf(value: JsonObject): unknown {
  return value.type ?? value['@type'];
}

function idOf(value: JsonObject): unknown {
  return value.id ?? value['@id'];
}

function isText(value: unknown): value is JsonObject {
  return isJsonObject(value) && typeOf(value) === 'Text' && typeof idOf(value) === 'string' && typeof value.value === 'string';
}

function isAnnotation(value: unknown): value is JsonObject {
  return isJsonObject(value) && typeOf(value) === 'Annotation';
}

/** True when the W3C context is the object's `@context` or one of its list (beside extensions). */
function hasAnnoContext(value: JsonObject): boolean {
  const context = value['@context'];
  return context === ANNO_CONTEXT || (Array.isArray(context) && context.includes(ANNO_CONTEXT));
}

/** True for what this reader reads: an AnnotationCollection, an Annotation, or an array of them and Texts. */
export function isWebAnnotation(root: unknown): boolean {
  const first: unknown = Array.isArray(root) ? root[0] : root;
  if (!isJsonObject(first)) return false;
  const type = typeOf(first);
  return type === 'AnnotationCollection' || type === 'Annotation' || (hasAnnoContext(first) && type === 'Text');
}

/** Every entry of the file: the array's, or a collection's first page's items, or the one annotation. */
function entriesOf(root: unknown): unknown[] {
  if (Array.isArray(root)) return root;
  if (!isJsonObject(root)) return [];
  if (typeOf(root) !== 'AnnotationCollection') return [root];
  const page = root.first;
  const items = isJsonObject(page) ? page.items : root.items;
  return Array.isArray(items) ? items : [];
}

function labelOf(annotation: JsonObject): string | undefined {
  if (typeof annotation.bodyValue === 'string') return annotation.bodyValue;
  const bodies = Array.isArray(annotation.body) ? annotation.body : [annotation.body];
  const textual = bodies.filter((body): body is JsonObject => isJsonObject(body) && typeof body.value === 'string');
  const tag = textual.find((body) => body.purpose === 'tagging') ?? textual[0];
  return tag?.value as string | undefined;
}

function creatorOf(annotation: JsonObject): string | undefined {
  const { creator } = annotation;
  if (typeof creator === 'string' && creator !== '') return creator;
  if (isJsonObject(creator)) {
    const name = creator.name ?? creator.nickname;
    if (typeof name === 'string' && name !== '') return name;
  }
  return undefined;
}

/** Where exact (with its prefix and suffix, when given) first occurs, in code points. */
function locateQuote(map: OffsetMap, quote: JsonObject): Outcome<{ readonly start: number; readonly end: number }> {
  const { exact, prefix, suffix } = quote;
  if (typeof exact !== 'string' || exact === '') return { ok: false, reason: 'TextQuoteSelector has no "exact" text' };
  const before = typeof prefix === 'string' ? prefix : '';
  const after = typeof suffix === 'string' ? suffix : '';
  for (let at = map.text.indexOf(exact); at >= 0; at = map.text.indexOf(exact, at + 1)) {
    if (map.text.slice(0, at).endsWith(before) && map.text.slice(at + exact.length).startsWith(after)) {
      return { ok: true, value: { start: map.toCp(at), end: map.toCp(at + exact.length) } };
    }
  }
  return { ok: false, reason: `the quote ${JSON.stringify(exact)} is not in the text with its prefix and suffix` };
}

function spanOf(annotation: JsonObject, map: OffsetMap, target: JsonObject): Outcome<ImportedSpan> {
  const label = labelOf(annotation);
  if (label === undefined) return { ok: false, reason: 'no tagging body (a TextualBody whose value is the label)' };
  const selectors = (Array.isArray(target.selector) ? target.selector : [target.selector]).filter(isJsonObject);
  const position = selectors.find((selector) => typeOf(selector) === 'TextPositionSelector');
  const quote = selectors.find((selector) => typeOf(selector) === 'TextQuoteSelector');
  let place: Outcome<{ readonly start: unknown; readonly end: unknown }>;
  if (position) place = { ok: true, value: { start: position.start, end: position.end } };
  else if (quote) place = locateQuote(map, quote);
  else return { ok: false, reason: 'no TextPositionSelector or TextQuoteSelector' };
  if (!place.ok) return place;
  const span = foreignSpan(map, { ...place.value, label, text: quote?.exact }, 'codepoints');
  if (!span.ok) return span;
  const status = annotation[STATUS_TERM];
  if (status !== undefined && !SPAN_STATUSES.includes(status as SpanStatus)) {
    return { ok: false, reason: `"${STATUS_TERM}" must be one of ${SPAN_STATUSES.join(', ')}` };
  }
  const creator = creatorOf(annotation);
  return {
    ok: true,
    value: { ...span.value, ...(creator === undefined ? {} : { annotator: creator }), ...(status === undefined ? {} : { status: status as SpanStatus }) },
  };
}

/** The documents of a Web Annotation file with their spans, each refused annotation reported as `annotation N: reason`. */
export function webAnnotationItems(root: unknown, fileName: string): ReaderItem[] {
  const entries = entriesOf(root);
  const texts = new Map<string, JsonObject>();
  const addText = (value: JsonObject): void => {
    if (!texts.has(idOf(value) as string)) texts.set(idOf(value) as string, value);
  };
  for (const entry of entries) {
    if (isText(entry)) addText(entry);
    else if (isAnnotation(entry) && isJsonObject(entry.target) && isText(entry.target.source)) addText(entry.target.source);
  }
  const spans = new Map<string, ImportedSpan[]>();
  const problems: ReaderItem[] = [];
  let annotationNumber = 0;
  for (const entry of entries) {
    if (isText(entry)) continue;
    annotationNumber += 1;
    const where = `annotation ${annotationNumber}`;
    if (!isAnnotation(entry)) {
      problems.push({ kind: 'problem', reason: `${where}: not an Annotation or a Text` });
      continue;
    }
    const target = Array.isArray(entry.target) ? entry.target[0] : entry.target;
    if (!isJsonObject(target)) {
      problems.push({ kind: 'problem', reason: `${where}: its target is not an object with a source and selectors` });
      continue;
    }
    const source = isJsonObject(target.source) ? idOf(target.source) : target.source;
    const text = typeof source === 'string' ? texts.get(source) : undefined;
    if (text === undefined) {
      problems.push({ kind: 'problem', reason: `${where}: its target source ${JSON.stringify(source ?? null)} is not a Text in this file (the text is needed)` });
      continue;
    }
    const span = spanOf(entry, new OffsetMap(text.value as string), target);
    if (!span.ok) problems.push({ kind: 'problem', reason: `${where}: ${span.reason}` });
    else spans.set(source as string, [...(spans.get(source as string) ?? []), span.value]);
  }
  const records: ReaderItem[] = [...texts].map(([id, text]) => {
    const value = text.value as string;
    const found = spans.get(id) ?? [];
    return {
      kind: 'record',
      title: titleOr(text.title, value, fileName),
      text: value,
      meta: isJsonObject(text.meta) ? text.meta : {},
      ...(found.length > 0 ? { spans: found } : {}),
    };
  });
  return [...records, ...problems];
}

/**
 * Web Annotation entries read one at a time (a large file, streamed). A Text is
 * kept, gathering its spans, until the next Text starts: then it goes out as a
 * document. So annotations must follow their Text before the next one (as our
 * export writes them); one that targets a Text already sent out is refused with
 * that reason, and one that targets a Text not yet seen waits for it.
 */
export class WebAnnotationStream {
  #current: { readonly id: string; readonly text: JsonObject; readonly map: OffsetMap; readonly spans: ImportedSpan[] } | null = null;
  readonly #sent = new Set<string>();
  readonly #waiting = new Map<string, { readonly entry: JsonObject; readonly target: JsonObject; readonly where: string }[]>();
  #annotationNumber = 0;

  constructor(private readonly fileName: string) {}

  /** The items that one more entry completes. */
  entry(entry: unknown): ReaderItem[] {
    const items: ReaderItem[] = [];
    if (isText(entry)) {
      this.#open(entry, items);
      return items;
    }
    this.#annotationNumber += 1;
    const where = `annotation ${this.#annotationNumber}`;
    if (!isAnnotation(entry)) {
      items.push({ kind: 'problem', reason: `${where}: not an Annotation or a Text` });
      return items;
    }
    const embedded = isJsonObject(entry.target) && isText(entry.target.source) ? entry.target.source : undefined;
    if (embedded !== undefined && !this.#known(idOf(embedded) as string)) this.#open(embedded, items);
    const target = Array.isArray(entry.target) ? entry.target[0] : entry.target;
    if (!isJsonObject(target)) {
      items.push({ kind: 'problem', reason: `${where}: its target is not an object with a source and selectors` });
      return items;
    }
    const source = isJsonObject(target.source) ? idOf(target.source) : target.source;
    if (typeof source === 'string' && this.#current?.id === source) {
      this.#place(entry, target, where, items);
    } else if (typeof source === 'string' && this.#sent.has(source)) {
      items.push({ kind: 'problem', reason: `${where}: its target source ${JSON.stringify(source)} is a Text that came earlier, before another Text (in a large file, annotations must follow their Text)` });
    } else if (typeof source === 'string') {
      this.#waiting.set(source, [...(this.#waiting.get(source) ?? []), { entry, target, where }]);
    } else {
      items.push({ kind: 'problem', reason: `${where}: its target source ${JSON.stringify(source ?? null)} is not a Text in this file (the text is needed)` });
    }
    return items;
  }

  /** The last document, and the annotations whose Text never came. */
  end(): ReaderItem[] {
    const items: ReaderItem[] = [];
    this.#close(items);
    for (const [source, waiting] of this.#waiting) {
      for (const { where } of waiting) {
        items.push({ kind: 'problem', reason: `${where}: its target source ${JSON.stringify(source)} is not a Text in this file (the text is needed)` });
      }
    }
    return items;
  }

  #known(id: string): boolean {
    return this.#current?.id === id || this.#sent.has(id);
  }

  #open(text: JsonObject, items: ReaderItem[]): void {
    const id = idOf(text) as string;
    // The first Text of an id is the document, as when the file is read whole.
    if (this.#known(id)) return;
    this.#close(items);
    this.#current = { id, text, map: new OffsetMap(text.value as string), spans: [] };
    for (const { entry, target, where } of this.#waiting.get(id) ?? []) this.#place(entry, target, where, items);
    this.#waiting.delete(id);
  }

  #place(entry: JsonObject, target: JsonObject, where: string, items: ReaderItem[]): void {
    const current = this.#current;
    if (current === null) return;
    const span = spanOf(entry, current.map, target);
    if (!span.ok) items.push({ kind: 'problem', reason: `${where}: ${span.reason}` });
    else current.spans.push(span.value);
  }

  #close(items: ReaderItem[]): void {
    const current = this.#current;
    if (current === null) return;
    const value = current.text.value as string;
    items.push({
      kind: 'record',
      title: titleOr(current.text.title, value, this.fileName),
      text: value,
      meta: isJsonObject(current.text.meta) ? current.text.meta : {},
      ...(current.spans.length > 0 ? { spans: current.spans } : {}),
    });
    this.#sent.add(current.id);
    this.#current = null;
  }
}
