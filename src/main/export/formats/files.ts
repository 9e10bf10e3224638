import type { ExportFormat } from '../../../shared/model.js';

/** Formats written as one file (brat writes a folder). */
export type SingleFileFormat = Exclude<ExportFormat, 'brat'>;

/** How an export is saved: the file name extension and the media type a download announces. */
export const EXPORT_FILES: Readonly<Record<SingleFileFormat, { readonly extension: string; readonly mediaType: string }>> = {
  jsonl: { extension: 'jsonl', mediaType: 'application/x-ndjson' },
  json: { extension: 'json', mediaType: 'application/json' },
  csv: { extension: 'csv', mediaType: 'text/csv; charset=utf-8' },
  doccano: { extension: 'jsonl', mediaType: 'application/x-ndjson' },
  spacy: { extension: 'jsonl', mediaType: 'application/x-ndjson' },
  labelstudio: { extension: 'json', mediaType: 'application/json' },
  conll: { extension: 'conll', mediaType: 'text/plain; charset=utf-8' },
  bundle: { extension: 'zip', mediaType: 'application/zip' },
  webanno: { extension: 'jsonld', mediaType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' },
};
