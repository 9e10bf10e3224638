/**
 * W3C Web Annotation (JSON-LD). Texts travel as `Text` resources (`{"id", "type": "Text",
 * "value"}`) in the same file — in a top-level array, among a collection's items, or
 * embedded as an annotation's `target.source` — and Annotations point at them by id.
 * Positions are code points (TextPositionSelector, as the data model requires); an
 * annotation with only a TextQuoteSelector is placed where exact, prefix and suffix match.
 * A bad annotation is refused on its own; its document still goes in.
 */
import { OffsetMap } from '../../../shared/offsets.js';
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

/** True for what this reader reads: an AnnotationCollection, an Annotation, or an array of them and Texts. */
export function isWebAnnotation(root: unknown): boolean {
  const first: unknown = Array.isArray(root) ? root[0] : root;
  if (!isJsonObject(first)) return false;
  const type = typeOf(first);
  return type === 'AnnotationCollection' || type === 'Annotation' || (first['@context'] === ANNO_CONTEXT && type === 'Text');
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
  const creator = creatorOf(annotation);
  return creator === undefined ? span : { ok: true, value: { ...span.value, annotator: creator } };
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
