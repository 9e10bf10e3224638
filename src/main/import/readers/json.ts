import { UserError } from '../../errors.js';
import { MAX_JSON_DEPTH, mayNestTooDeep, nestedDeeperThan } from '../json-elements.js';
import { codePointLength } from '../../../shared/offsets.js';
import type { Label } from '../../../shared/model.js';
import type { ReaderItem, Reader, RecordProblem } from '../record.js';
import type { DeclaredEntityList, ImportedEntity } from '../record.js';
import { isLabelStudioMinRecord, isLabelStudioTask, labelStudioItems, labelStudioMinRecord } from './label-studio.js';
import { isWebAnnotation, webAnnotationItems } from './web-annotation.js';
import { documentFromJson, entityFromJson, isJsonObject, labelFromJson, type DeclaredEntities, type JsonObject } from './documents.js';

/** Label Studio JSON or JSON_MIN, an array of tasks or of flat records (`--format labelstudio`). */
export const readLabelStudio: Reader = (text, fileName) => {
  const root = parseJson(text.replace(/^\uFEFF/, ''));
  if (!Array.isArray(root)) throw new UserError('a Label Studio export is an array of tasks');
  return labelStudioItems(root, fileName);
};

/** W3C Web Annotation JSON-LD: a collection, an annotation, or an array of them and Texts (`--format webanno`). */
export const readWebAnnotation: Reader = (text, fileName) => webAnnotationItems(parseJson(text.replace(/^\uFEFF/, '')), fileName);

/** The json export format version this reader understands. */
export const MARGINALIA_JSON_VERSION = 1;

/** 1-based line and column (in code points) of UTF-16 index `index` in `text`. */
function positionOf(text: string, index: number): { readonly line: number; readonly column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = (before.match(/\n/g)?.length ?? 0) + 1;
  return { line, column: codePointLength(before.slice(lineStart)) + 1 };
}

/** V8 names the failing position as "at position N"; an early end of input has none. */
function errorIndex(message: string, text: string): number | null {
  const position = / at position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return Math.min(Number(position[1]), text.length);
  if (/end of (JSON )?input/i.test(message)) return text.length;
  return null;
}

/** The parser's reason without the position it names in UTF-16 units. */
function bareReason(message: string): string {
  return message.replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, '').replace(/ at position \d+/, '');
}

/**
 * Thrown by the whole-text readers for a document nested past MAX_JSON_DEPTH
 * somewhere: the caller reads it again element by element, refusing only the
 * deep elements (see readers/index.ts).
 */
export class NestedTooDeep extends Error {}

function parseJson(text: string): unknown {
  try {
    const root = JSON.parse(text) as unknown;
    if (mayNestTooDeep(text) && nestedDeeperThan(root, MAX_JSON_DEPTH)) throw new NestedTooDeep();
    return root;
  } catch (error) {
    if (error instanceof NestedTooDeep) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const index = errorIndex(message, text);
    if (index === null) throw new UserError(`invalid JSON: ${message}`);
    const { line, column } = positionOf(text, index);
    throw new UserError(`invalid JSON at line ${line} column ${column}: ${bareReason(message)}`);
  }
}

/** The declared labels first (so the caller can create them before any span needs them), then the refused ones. */
export function labelItems(labels: readonly unknown[]): ReaderItem[] {
  const accepted: Label[] = [];
  const problems: RecordProblem[] = [];
  for (const [index, value] of labels.entries()) {
    const label = labelFromJson(value);
    if (!label.ok) {
      problems.push({ kind: 'problem', reason: `label ${index + 1}: ${label.reason}` });
    } else if (accepted.some((known) => known.name === label.value.name)) {
      problems.push({ kind: 'problem', reason: `label ${index + 1}: "${label.value.name}" is declared twice` });
    } else {
      accepted.push(label.value);
    }
  }
  return [{ kind: 'labels', labels: accepted }, ...problems];
}

/**
 * The declared entities by id, and as an item that restores those with a label
 * (also the ones no span names); a bad one is reported, and spans naming it come
 * without the link.
 */
export function readEntities(entities: readonly unknown[]): {
  readonly entities: DeclaredEntities;
  readonly item: DeclaredEntityList;
  readonly problems: RecordProblem[];
} {
  const byId = new Map<number, ImportedEntity>();
  const labelled: DeclaredEntityList['entities'][number][] = [];
  const problems: RecordProblem[] = [];
  for (const [index, value] of entities.entries()) {
    const entity = entityFromJson(value);
    if (!entity.ok) problems.push({ kind: 'problem', reason: `entity ${index + 1}: ${entity.reason}` });
    else if (byId.has(entity.value.id)) problems.push({ kind: 'problem', reason: `entity ${index + 1}: id ${entity.value.id} is declared twice` });
    else {
      byId.set(entity.value.id, entity.value.entity);
      if (entity.value.label !== undefined) labelled.push({ label: entity.value.label, entity: entity.value.entity });
    }
  }
  return { entities: byId, item: { kind: 'entities', entities: labelled }, problems };
}

/** One element of a json file's array of documents: a Label Studio JSON_MIN record, or a document object. */
export function jsonElementItem(value: unknown, index: number, fileName: string, entities?: DeclaredEntities): ReaderItem {
  if (isLabelStudioMinRecord(value)) {
    const record = labelStudioMinRecord(value, fileName);
    return record.ok ? record.value : { kind: 'problem', reason: `record ${index}: ${record.reason}` };
  }
  const document = documentFromJson(value, fileName, undefined, entities);
  return document.ok ? document.value : { kind: 'problem', reason: `document ${index}: ${document.reason}` };
}

function documentItems(documents: readonly unknown[], fileName: string, entities?: DeclaredEntities): ReaderItem[] {
  return documents.map((value, index) => jsonElementItem(value, index + 1, fileName, entities));
}

/** Checks the header of our own export before anything is read from it. */
export function checkExportHeader(root: JsonObject): {
  readonly labels: readonly unknown[];
  readonly entities: readonly unknown[];
  readonly documents: readonly unknown[];
} {
  const { version, labels, entities, documents } = root;
  if (typeof version === 'number' && version > MARGINALIA_JSON_VERSION) {
    throw new UserError(`made by a newer Marginalia (format version ${version})`);
  }
  if (version !== MARGINALIA_JSON_VERSION) {
    throw new UserError(`unsupported Marginalia format version ${JSON.stringify(version ?? null)}`);
  }
  if (labels !== undefined && labels !== null && !Array.isArray(labels)) throw new UserError('"labels" must be an array');
  if (entities !== undefined && entities !== null && !Array.isArray(entities)) throw new UserError('"entities" must be an array');
  if (!Array.isArray(documents)) throw new UserError('a Marginalia export needs a "documents" array');
  return { labels: Array.isArray(labels) ? labels : [], entities: Array.isArray(entities) ? entities : [], documents };
}

/**
 * JSON: Marginalia's own export (labels first, then documents) or a top-level array
 * of document objects. Throws a UserError when the file is neither.
 */
export const readJson: Reader = (text, fileName) => jsonRootItems(parseJson(text.replace(/^\uFEFF/, '')), fileName);

/** The items of a parsed json file, whatever its shape (see readJson). */
export function jsonRootItems(root: unknown, fileName: string): Iterable<ReaderItem> {
  if (Array.isArray(root) && isLabelStudioTask(root[0]) && typeof root[0].text !== 'string') return labelStudioItems(root, fileName);
  if (isWebAnnotation(root)) return webAnnotationItems(root, fileName);
  if (Array.isArray(root)) return documentItems(root, fileName);
  if (isJsonObject(root) && root.format === 'marginalia') {
    const header = checkExportHeader(root);
    const { entities, item, problems } = readEntities(header.entities);
    return [...labelItems(header.labels), item, ...problems, ...documentItems(header.documents, fileName, entities)];
  }
  throw new UserError('not a Marginalia export or an array of documents');
}
