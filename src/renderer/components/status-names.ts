/** Human names for the contract's enumerations, in one place so every view says the same. */
import type { DocumentStatus } from '../../shared/api.js';
import { assertNever, type EntityLinkReason, type NoiseKind, type SpanStatus } from '../../shared/model.js';

/** "Not started", "In progress", "Done". */
export function documentStatusName(status: DocumentStatus): string {
  switch (status) {
    case 'not_started':
      return 'Not started';
    case 'in_progress':
      return 'In progress';
    case 'done':
      return 'Done';
    default:
      return assertNever(status);
  }
}

/** The hover text of a noise run, e.g. "Noise: spam line". */
export function noiseKindName(kind: NoiseKind): string {
  switch (kind) {
    case 'spam_line':
      return 'Noise: spam line';
    case 'injected_char':
      return 'Noise: injected character';
    case 'boilerplate':
      return 'Noise: boilerplate';
    default:
      return assertNever(kind);
  }
}

/** A span status as shown in lists. */
export function spanStatusName(status: SpanStatus): string {
  switch (status) {
    case 'accepted':
      return 'accepted';
    case 'suggested':
      return 'suggested';
    case 'rejected':
      return 'rejected';
    default:
      return assertNever(status);
  }
}

/** Why a span is suggested as a mention of an entity, as a short phrase. */
export function entityLinkReasonName(reason: EntityLinkReason): string {
  switch (reason) {
    case 'same_form':
      return 'Same form';
    case 'spelling_variant':
      return 'Spelling variant';
    case 'acronym':
      return 'Acronym';
    case 'known_alias':
      return 'Known alias';
    default:
      return assertNever(reason);
  }
}
