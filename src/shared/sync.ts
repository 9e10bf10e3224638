/**
 * What a laptop and the team server exchange. Both sides speak in records: the
 * latest state of one thing (a span, a label, an assignment…), named by a key
 * that means the same on every laptop — content hashes for documents, random
 * uids for spans and entities, names for labels and annotators — never a local
 * row id. A record carries the hybrid logical clock of the edit that made it;
 * the one with the larger clock wins everywhere (last writer wins), so applying
 * the same record twice, or records in any order, ends in the same state.
 */
import { z } from 'zod';

/**
 * Hybrid logical clock: wall milliseconds and a counter in fixed-width hex,
 * then the node that made it, so that plain string order is clock order and
 * two nodes never tie.
 */
export const Hlc = z.string().regex(/^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-z]{1,32}$/, 'a hybrid logical clock such as 0193a5c2e6f0-0000-node');

export interface HlcParts {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

export function formatHlc({ wallMs, counter, node }: HlcParts): string {
  return `${wallMs.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseHlc(hlc: string): HlcParts {
  const [wall, counter, node] = hlc.split('-') as [string, string, string];
  return { wallMs: parseInt(wall, 16), counter: parseInt(counter, 16), node };
}

/** SHA-256 of a document's text, as the projects store it (documents.content_hash). */
export const ContentHash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 content hash');
const Uid = z.string().regex(/^[0-9a-f]{32}$/, 'a 32-digit hex uid');
const Name = z.string().trim().min(1).max(80);
const ChangeId = z.string().regex(/^[0-9a-f]{32}$/, 'a 32-digit hex change id');

export const SYNC_KINDS = ['label', 'annotator', 'assignment', 'progress', 'entity', 'span', 'setting'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

/** The shape of each kind's data; a deleted record (a tombstone) has data null. */
export const LabelData = z.object({
  displayName: z.string().min(1).max(200),
  color: z.string().max(40),
  shortcutKey: z.string().max(8).nullable(),
  position: z.number().int(),
  namesThings: z.boolean(),
});
export const AnnotatorData = z.object({ color: z.string().max(40).nullable(), position: z.number().int() });
export const AssignmentData = z.object({ assignedAt: z.string().max(40) });
export const ProgressData = z.object({ doneAt: z.string().max(40) });
export const EntityData = z.object({ name: z.string().min(1).max(1000), label: z.string().min(1).max(200), aliases: z.array(z.string().max(1000)).max(10_000) });
export const SpanData = z.object({
  startCp: z.number().int().nonnegative(),
  endCp: z.number().int().positive(),
  label: z.string().min(1).max(200),
  status: z.enum(['accepted', 'suggested', 'rejected']),
  /** The uid of the entity the span is linked to. */
  entity: Uid.nullable(),
  value: z.unknown().nullable(),
  note: z.string().max(100_000).nullable(),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
});
export const SettingData = z.object({ value: z.unknown() });

const Envelope = {
  /** Unique per change, so a change sent twice is applied once. */
  changeId: ChangeId,
  hlc: Hlc,
  /** The team member whose edit made this state (filled in by the server from the token). */
  author: z.string().max(80).optional(),
  /** When the server accepted it (ISO 8601); absent on the way up. */
  changedAt: z.string().max(40).optional(),
  /** The server's sequence number for this state; present on the way down, the laptop's pull cursor. */
  seq: z.number().int().optional(),
};

/**
 * One record. `owner` is whose it is, for the kinds that belong to one
 * annotator (their spans, their progress, their assignments); `document` is the
 * content hash of the document it belongs to, so the server can show an
 * annotator only what their assignments and blind annotation allow.
 */
export const SyncRecord = z.discriminatedUnion('kind', [
  z.object({ ...Envelope, kind: z.literal('label'), key: Name.max(200), owner: z.null(), document: z.null(), data: LabelData.nullable() }),
  z.object({ ...Envelope, kind: z.literal('annotator'), key: Name, owner: z.null(), document: z.null(), data: AnnotatorData.nullable() }),
  z.object({ ...Envelope, kind: z.literal('assignment'), key: z.string().max(200), owner: Name, document: ContentHash, data: AssignmentData.nullable() }),
  z.object({ ...Envelope, kind: z.literal('progress'), key: z.string().max(200), owner: Name, document: ContentHash, data: ProgressData.nullable() }),
  z.object({ ...Envelope, kind: z.literal('entity'), key: Uid, owner: z.null(), document: z.null(), data: EntityData.nullable() }),
  z.object({ ...Envelope, kind: z.literal('span'), key: Uid, owner: Name, document: ContentHash, data: SpanData.nullable() }),
  z.object({ ...Envelope, kind: z.literal('setting'), key: z.string().min(1).max(200), owner: z.null(), document: z.null(), data: SettingData.nullable() }),
]);
export type SyncRecord = z.infer<typeof SyncRecord>;

/** The key of a record that belongs to an annotator and a document (assignments, progress). */
export function ownedDocumentKey(owner: string, document: string): string {
  return `${owner}:${document}`;
}

/** A document as the server keeps it: immutable, named by its content hash. */
export const SyncDocument = z.object({
  hash: ContentHash,
  title: z.string().max(10_000),
  source: z.string().max(10_000),
  text: z.string(),
  meta: z.record(z.string(), z.unknown()),
});
export type SyncDocument = z.infer<typeof SyncDocument>;

export const TEAM_ROLES = ['annotator', 'curator', 'lead'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

// ---- HTTP: every request carries `Authorization: Bearer <token>` ----

/** GET /v1/whoami */
export const WhoAmI = z.object({ name: z.string(), role: z.enum(TEAM_ROLES), project: z.string() });
export type WhoAmI = z.infer<typeof WhoAmI>;

/** POST /v1/documents (lead only): documents to add; ones already there are left as they are. */
export const PutDocumentsInput = z.object({ documents: z.array(SyncDocument).min(1).max(5_000) });
export const PutDocumentsOutput = z.object({ added: z.number().int(), present: z.number().int() });

/** GET /v1/documents?after=HASH&limit=N: the documents this member may see, in hash order. */
export const DocumentsPage = z.object({ documents: z.array(SyncDocument), next: ContentHash.nullable() });

/** POST /v1/documents/fetch: the named documents this member may see (those they may not are left out). */
export const FetchDocumentsInput = z.object({ hashes: z.array(ContentHash).min(1).max(1_000) });
export const FetchDocumentsOutput = z.object({ documents: z.array(SyncDocument) });

/** POST /v1/push: changes made offline, oldest first. */
export const PushInput = z.object({ records: z.array(SyncRecord).min(1).max(5_000) });
export const PushOutput = z.object({
  /** Changes that became the server's state. */
  applied: z.number().int(),
  /** Changes the server already had, or that lost to a later edit (still counted as received). */
  superseded: z.number().int(),
  /** The server's clock after the push, so the laptop's clock never runs behind it. */
  hlc: Hlc,
});

/** GET /v1/pull?after=SEQ&limit=N (or &document=HASH for every record of one document). */
export const PullPage = z.object({ records: z.array(SyncRecord), next: z.number().int(), more: z.boolean() });

export const SyncErrorBody = z.object({ error: z.string() });
