import type { JsonValue } from '../../shared/model.js';

/** How numeric dates are read in a project. */
export type DateOrder = 'day-first' | 'month-first';

/** A span a recogniser proposes. Offsets are code points, end exclusive. */
export interface Candidate {
  readonly startCp: number;
  readonly endCp: number;
  /** HOSPITAL, DATE, PERSON or FIGURE. */
  readonly label: string;
  /** Which recogniser proposed it ("date", "figure", "person", "hospital", "acronym", "gazetteer", …). */
  readonly recogniser: string;
  /** 0–1: how sure the recogniser is. */
  readonly confidence: number;
  /** The normalised value: DATE → ISO 8601 string; FIGURE → { value, unit } or { low, high, unit }; else null. */
  readonly value: JsonValue | null;
  /** For a short form of a name found in full earlier in the text ("Lakeside", "Lan"): that name, whose entity it shares. */
  readonly fullForm?: string;
}

/** A surface form the project has learnt for a label (accepted or tagged by annotators). */
export interface GazetteerEntry {
  readonly label: string;
  readonly surface: string;
}

export interface RecogniseOptions {
  readonly dateOrder?: DateOrder;
  /** Only these labels (default: all four). */
  readonly labels?: readonly string[];
  /** Learnt forms, proposed wherever they occur as whole words. */
  readonly gazetteer?: readonly GazetteerEntry[];
  /** Code-point ranges to leave alone (noise marks): nothing is proposed inside them. */
  readonly skip?: readonly { readonly startCp: number; readonly endCp: number }[];
}
