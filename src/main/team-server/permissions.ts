import { ownedDocumentKey, type SyncKind, type SyncRecord } from '../../shared/sync.js';
import { assertNever } from '../../shared/model.js';
import type { Caller } from './store/members.js';

/** Kinds only a curator or the lead may change: the project's shape and who works on what. */
const CURATORS_ONLY: ReadonlySet<SyncKind> = new Set(['label', 'assignment', 'setting']);

/**
 * Why this member may not push this record, or null if they may. Curators and
 * the lead may push anything (adjudicated spans have the owner 'adjudicated').
 * An annotator may push their own spans and progress, their own entry in the
 * list of annotators (the workbench adds it when they first choose their
 * name), and entities, which are decisions the team shares; labels, other
 * annotators, assignments and settings are the curators'.
 */
export function pushRefusal(caller: Caller, record: SyncRecord): string | null {
  if (caller.role === 'curator' || caller.role === 'lead') return null;
  if (CURATORS_ONLY.has(record.kind)) return `an annotator may not change ${record.kind}s (a curator or the lead may)`;
  switch (record.kind) {
    case 'entity':
      return null;
    case 'annotator':
      return record.key === caller.name ? null : `an annotator may add or change only their own entry in the list of annotators, not "${record.key}"`;
    case 'span':
    case 'progress':
      return record.owner === caller.name ? null : `an annotator may push only their own ${record.kind}s, and this one's owner is "${record.owner}", not "${caller.name}"`;
    case 'label':
    case 'assignment':
    case 'setting':
      return `an annotator may not change ${record.kind}s`;
    default:
      return assertNever(record);
  }
}

/**
 * Why a record contradicts itself, or null. An assignment's or progress mark's
 * key names its owner and document, and two records of one kind with one key
 * are one thing: a key that names someone else would overwrite their record.
 */
export function recordInconsistency(record: SyncRecord): string | null {
  if (record.kind === 'assignment' || record.kind === 'progress') {
    const expected = ownedDocumentKey(record.owner, record.document);
    if (record.key !== expected) return `the key of a ${record.kind} is "owner:document" ("${expected}"), not "${record.key}"`;
  }
  return null;
}
