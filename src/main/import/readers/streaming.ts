/**
 * Readers over a file read in chunks rather than one string, so a file of any size
 * imports with flat memory: JSON lines and CoNLL line by line, and the JSON-document
 * formats element by element of their large array. They yield what the whole-text
 * readers yield for the same file.
 */
import { UserError } from '../../errors.js';
import { checkUtf8File, fileHead, linesOfChunks, textChunks, type ChunkOptions } from '../file-text.js';
import { utf8TextStart } from '../decode.js';
import { jsonParts, MAX_JSON_DEPTH, mayNestTooDeep, nestedDeeperThan, tooDeepReason } from '../json-elements.js';
import type { ReaderItem } from '../record.js';
import type { FsPath } from '../walk.js';
import { conllItems } from './conll.js';
import type { DeclaredEntities } from './documents.js';
import type { ImportFormat } from './index.js';
import { checkExportHeader, jsonElementItem, jsonRootItems, labelItems, readEntities } from './json.js';
import { jsonLineItems, LINE_READERS } from './jsonl.js';
import { isLabelStudioTask, labelStudioEntry, labelStudioPlace } from './label-studio.js';
import { isWebAnnotation, WebAnnotationStream, webAnnotationItems } from './web-annotation.js';

/** JSON documents at least this large are streamed (64 MB); smaller ones are parsed whole. */
export const DEFAULT_STREAM_JSON_ABOVE = 64 * 1024 * 1024;

export interface StreamingOptions extends ChunkOptions {
  readonly encoding?: string;
  /** Stream json, labelstudio and webanno files of at least this many bytes. */
  readonly streamJsonAbove?: number;
}

const LINE_FORMATS = ['jsonl', 'doccano', 'spacy', 'conll'] as const;
const JSON_FORMATS = ['json', 'labelstudio', 'webanno'] as const;

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** True for the formats always read in chunks (those made of lines); JSON documents are streamed when large. */
export function isStreamedFormat(format: ImportFormat): boolean {
  return isOneOf(LINE_FORMATS, format);
}

/** Pieces of text, noting whether any holds more than white space (trim's notion of it). */
class ContentWatch {
  sawContent = false;

  *watch(chunks: Iterable<string>): Generator<string> {
    for (const chunk of chunks) {
      if (!this.sawContent && /\S/.test(chunk)) this.sawContent = true;
      yield chunk;
    }
  }
}

/**
 * The items of a file read in chunks, or null when this format or file is read
 * whole (another encoding than UTF-8, a small JSON document, a format without lines).
 * The bytes are checked before the first item, so a file that is not valid UTF-8
 * is refused (DecodeError) before anything of it is stored.
 */
export function streamingItems(path: FsPath, bytes: number, format: ImportFormat, fileName: string, options: StreamingOptions = {}): Iterable<ReaderItem> | null {
  if (bytes === 0) return null;
  const lines = isOneOf(LINE_FORMATS, format);
  if (!lines && !(isOneOf(JSON_FORMATS, format) && bytes >= (options.streamJsonAbove ?? DEFAULT_STREAM_JSON_ABOVE))) return null;
  const start = utf8TextStart(fileHead(path), options.encoding);
  if (start === null) return null;
  checkUtf8File(path, start, options);
  const content = new ContentWatch();
  const chunks = content.watch(textChunks(path, start, options));
  const items = lines ? lineFormatItems(chunks, format, fileName) : jsonFormatItems(chunks, format, fileName);
  return whiteSpaceChecked(items, content);
}

function* whiteSpaceChecked(items: Iterable<ReaderItem>, content: ContentWatch): Generator<ReaderItem> {
  let any = false;
  for (const item of items) {
    any = true;
    yield item;
  }
  if (!any && !content.sawContent) throw new UserError('file holds only white space');
}

function lineFormatItems(chunks: Iterable<string>, format: (typeof LINE_FORMATS)[number], fileName: string): Iterable<ReaderItem> {
  if (format === 'conll') return conllItems(withoutLeadingBom(linesOfChunks(chunks)), fileName);
  return jsonLineItems(linesOfChunks(chunks), fileName, LINE_READERS[format]);
}

/** CoNLL drops one U+FEFF at the start of its text (the decoder keeps a second BOM as text). */
function* withoutLeadingBom<T extends { readonly text: string; readonly number: number }>(lines: Iterable<T>): Generator<T> {
  for (const line of lines) yield line.number === 1 ? { ...line, text: line.text.replace(/^\uFEFF/, '') } : line;
}

/** JSON.parse of one element; a bad one is a problem at its line, and the elements after it still come. */
function parseElement(text: string, line: number, what: string): { readonly value: unknown } | { readonly problem: ReaderItem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, '');
    return { problem: { kind: 'problem', line, reason: `${what}: invalid JSON: ${reason}` } };
  }
}

type ElementMode = 'documents' | 'labelstudio' | 'webanno';

/** The mode a json file's top-level array is read in, from its first element (as readJson decides). */
function modeOfFirst(format: (typeof JSON_FORMATS)[number], first: unknown): ElementMode {
  if (format === 'labelstudio') return 'labelstudio';
  if (format === 'webanno') return 'webanno';
  if (isLabelStudioTask(first) && typeof first.text !== 'string') return 'labelstudio';
  if (isWebAnnotation([first])) return 'webanno';
  return 'documents';
}

/**
 * The items of a JSON document's text read element by element, as a large file
 * is: how a file read whole but nested too deep somewhere is read again, so
 * only the deep elements are refused, each with its line.
 */
export function jsonTextItems(text: string, format: (typeof JSON_FORMATS)[number], fileName: string): ReaderItem[] {
  return [...jsonFormatItems([text.replace(/^\uFEFF/, '')], format, fileName)];
}

function* jsonFormatItems(chunks: Iterable<string>, format: (typeof JSON_FORMATS)[number], fileName: string): Generator<ReaderItem> {
  // Only our own export's `documents` is streamed inside an object; other objects are small and read as a whole.
  const parts = jsonParts(chunks, format === 'json' ? 'documents' : null);
  const root: Record<string, unknown> = {};
  let rootType: 'array' | 'object' = 'array';
  let mode: ElementMode | null = null;
  let entities: DeclaredEntities | undefined;
  let webAnnotations: WebAnnotationStream | null = null;
  let collected: unknown[] | null = null;
  for (const part of parts) {
    switch (part.kind) {
      case 'root':
        rootType = part.type;
        if (rootType === 'object' && format === 'labelstudio') throw new UserError('a Label Studio export is an array of tasks');
        break;
      case 'member':
        root[part.key] = part.value;
        break;
      case 'array':
        if (part.key !== null) {
          if (root.format !== 'marginalia') {
            // Not our export: its documents are kept and the whole object read at the end, as readJson would.
            collected = [];
            break;
          }
          const header = checkExportHeader({ ...(root as Record<string, never>), documents: [] });
          const declared = readEntities(header.entities);
          entities = declared.entities;
          yield* labelItems(header.labels);
          yield declared.item;
          yield* declared.problems;
          mode = 'documents';
        }
        break;
      case 'element': {
        const what = mode === 'labelstudio' ? `task ${part.index}` : mode === 'webanno' ? `entry ${part.index}` : `document ${part.index}`;
        const parsed = 'value' in part ? { value: part.value } : parseElement(part.text, part.line, what);
        if ('problem' in parsed) {
          yield parsed.problem;
          break;
        }
        if (mayNestTooDeep(part.text) && nestedDeeperThan(parsed.value, MAX_JSON_DEPTH)) {
          yield { kind: 'problem', reason: `${what}: ${tooDeepReason(part.text, part.line)}` };
          break;
        }
        if (collected !== null) {
          collected.push(parsed.value);
          break;
        }
        if (mode === null) mode = modeOfFirst(format, parsed.value);
        if (mode === 'webanno') {
          webAnnotations ??= new WebAnnotationStream(fileName);
          yield* webAnnotations.entry(parsed.value);
        } else if (mode === 'labelstudio') {
          const record = labelStudioEntry(parsed.value, fileName);
          yield record.ok ? record.value : { kind: 'problem', reason: `${labelStudioPlace(parsed.value, part.index)}: ${record.reason}` };
        } else {
          yield jsonElementItem(parsed.value, part.index, fileName, entities);
        }
        break;
      }
    }
  }
  if (webAnnotations !== null) yield* webAnnotations.end();
  if (rootType === 'object' && mode === null) {
    if (collected !== null) root.documents = collected;
    yield* format === 'webanno' ? webAnnotationItems(root, fileName) : jsonRootItems(root, fileName);
  }
}
