import type { Reader } from '../record.js';
import { readConll } from './conll.js';
import { readCsv, readTsv } from './csv.js';
import { readHtml } from './html.js';
import { NestedTooDeep, readJson, readLabelStudio, readWebAnnotation } from './json.js';
import { readDoccano, readJsonLines, readSpacy } from './jsonl.js';
import { readMarkdown } from './markdown.js';
import { jsonTextItems } from './streaming.js';
import { readText } from './text.js';

/**
 * The formats `--format` accepts. Other tools' formats are also recognised by their
 * content: doccano and spaCy lines in any .jsonl, Label Studio tasks and Web
 * Annotations in any .json; `.jsonld` is read as Web Annotation, `.conll` and `.iob`
 * as CoNLL, and a .txt with a .ann of the same name as brat. A .zip or .marginalia
 * file is a project bundle, read by the pipeline itself (see ../bundle.ts).
 */
export const IMPORT_FORMATS = ['txt', 'md', 'html', 'jsonl', 'json', 'csv', 'tsv', 'doccano', 'spacy', 'labelstudio', 'webanno', 'brat', 'conll'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A JSON-document reader that reads a file nested too deep somewhere element by element instead (see NestedTooDeep). */
function depthGuarded(format: 'json' | 'labelstudio' | 'webanno', reader: Reader): Reader {
  return (text, fileName, options) => {
    try {
      return reader(text, fileName, options);
    } catch (error) {
      if (error instanceof NestedTooDeep) return jsonTextItems(text, format, fileName);
      throw error;
    }
  };
}

const READERS: Readonly<Record<ImportFormat, Reader>> = {
  txt: readText,
  md: readMarkdown,
  html: readHtml,
  jsonl: readJsonLines,
  json: depthGuarded('json', readJson),
  csv: readCsv,
  tsv: readTsv,
  doccano: readDoccano,
  spacy: readSpacy,
  labelstudio: depthGuarded('labelstudio', readLabelStudio),
  webanno: depthGuarded('webanno', readWebAnnotation),
  // The pipeline pairs each .txt with its .ann; a .txt without one is a plain document.
  brat: readText,
  conll: readConll,
};

const FORMAT_BY_EXTENSION: Readonly<Record<string, ImportFormat>> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json',
  jsonld: 'webanno',
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  conll: 'conll',
  iob: 'conll',
};

/** True when `value` names an import format (for validating `--format`). */
export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/** The format a path's extension implies (case-insensitive); anything unknown is plain text. */
export function formatForPath(path: string): ImportFormat {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(FORMAT_BY_EXTENSION, extension) ? (FORMAT_BY_EXTENSION[extension] ?? 'txt') : 'txt';
}

/** The reader for `format` when given, else for the path's extension. */
export function readerForPath(path: string, format?: ImportFormat): Reader {
  return READERS[format ?? formatForPath(path)];
}
