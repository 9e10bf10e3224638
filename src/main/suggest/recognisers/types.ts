import type { JsonValue } from '../../../shared/model.js';

/**
 * A proposal in UTF-16 indices. Recognisers work on JavaScript strings directly;
 * recogniseText converts every offset to code points once, at the end.
 */
export interface RawCandidate {
  readonly startU16: number;
  readonly endU16: number;
  readonly label: string;
  readonly recogniser: string;
  readonly confidence: number;
  readonly value: JsonValue | null;
  /** For a short form of a name found in full earlier in the text ("Lakeside", "Lan"): that name, whose entity it shares. */
  readonly fullForm?: string;
}
