/**
 * The recognisers that pre-annotate a document: each proposes spans of one
 * label in one pass over the text, and this module merges them, drops what
 * lies in noise, and converts offsets to code points once.
 */
import { OffsetMap } from '../../shared/offsets.js';
import type { Candidate, RecogniseOptions } from './candidate.js';
import { recogniseDates } from './recognisers/date.js';
import { recogniseFigures } from './recognisers/figure.js';
import { recogniseGazetteer } from './recognisers/gazetteer.js';
import { recogniseHospitals } from './recognisers/hospital.js';
import { recognisePeople } from './recognisers/person.js';
import type { RawCandidate } from './recognisers/types.js';

const ALL_LABELS: readonly string[] = ['HOSPITAL', 'DATE', 'PERSON', 'FIGURE'];

/** Learnt forms outrank rules; among rules, a DATE outranks a FIGURE over the same words. */
const RANK: Readonly<Record<string, number>> = { gazetteer: 4, hospital: 3, acronym: 3, person: 2, date: 2, figure: 1 };

/**
 * Proposes HOSPITAL, DATE, PERSON and FIGURE spans in `text`, offsets in code
 * points, sorted by start. Overlapping proposals are resolved in favour of the
 * longer span (then the learnt form, then the surer rule), so no two overlap.
 */
export function recogniseText(text: string, options: RecogniseOptions = {}): Candidate[] {
  const wanted = new Set(options.labels ?? ALL_LABELS);
  const raw: RawCandidate[] = [];
  // Dates also run for FIGURE alone: they claim their numbers ("03/04/2026", "first three months of 2023").
  if (wanted.has('DATE') || wanted.has('FIGURE')) raw.push(...recogniseDates(text, options.dateOrder ?? 'day-first'));
  if (wanted.has('FIGURE')) raw.push(...recogniseFigures(text));
  if (wanted.has('PERSON')) raw.push(...recognisePeople(text));
  if (wanted.has('HOSPITAL')) raw.push(...recogniseHospitals(text));
  if (options.gazetteer && options.gazetteer.length > 0) raw.push(...recogniseGazetteer(text, options.gazetteer, wanted));
  if (raw.length === 0) return [];

  const offsets = new OffsetMap(text);
  const skip = (options.skip ?? []).map((range) => ({
    startU16: offsets.toU16(Math.min(range.startCp, offsets.lengthCp)),
    endU16: offsets.toU16(Math.min(range.endCp, offsets.lengthCp)),
  }));
  const kept = resolveOverlaps(skip.length === 0 ? raw : raw.filter((candidate) => !overlapsAny(skip, candidate)));
  return kept.filter((candidate) => wanted.has(candidate.label)).map((candidate) => ({
    startCp: offsets.toCp(candidate.startU16),
    endCp: offsets.toCp(candidate.endU16),
    label: candidate.label,
    recogniser: candidate.recogniser,
    confidence: candidate.confidence,
    value: candidate.value,
    ...(candidate.fullForm === undefined ? {} : { fullForm: candidate.fullForm }),
  }));
}

/** Keeps the best of every group of overlapping proposals, in reading order. */
function resolveOverlaps(candidates: readonly RawCandidate[]): RawCandidate[] {
  const byPreference = [...candidates].sort(
    (a, b) =>
      b.endU16 - b.startU16 - (a.endU16 - a.startU16) ||
      (RANK[b.recogniser] ?? 0) - (RANK[a.recogniser] ?? 0) ||
      b.confidence - a.confidence ||
      a.startU16 - b.startU16,
  );
  // Kept spans never overlap, so sorted by start they are sorted by end too: a binary search finds the neighbours.
  const kept: RawCandidate[] = [];
  for (const candidate of byPreference) {
    const at = firstEndingAfter(kept, candidate.startU16);
    if (at < kept.length && (kept[at] as RawCandidate).startU16 < candidate.endU16) continue;
    kept.splice(at, 0, candidate);
  }
  return kept;
}

interface Range {
  readonly startU16: number;
  readonly endU16: number;
}

/** Index of the first range in `sorted` (disjoint, in order) that ends after `offset`. */
function firstEndingAfter(sorted: readonly Range[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as Range).endU16 <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when `candidate` overlaps one of `ranges` (noise marks are few; a scan is enough). */
function overlapsAny(ranges: readonly Range[], candidate: Range): boolean {
  for (const range of ranges) {
    if (candidate.startU16 < range.endU16 && range.startU16 < candidate.endU16) return true;
  }
  return false;
}
