import type { Reader } from '../record.js';
import { titleFromText } from './title.js';

/** Plain text: one record, the text exactly as decoded, titled by its first non-blank line. */
export const readText: Reader = (text, fileName) => [
  { kind: 'record', title: titleFromText(text, fileName), text, meta: {} },
];
