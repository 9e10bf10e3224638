import type { Entity, EntityLinkReason } from '../../shared/model.js';
import { OffsetMap } from '../../shared/offsets.js';
import type { Db } from '../store/connection.js';
import { acceptedSpansByDocument, documentTexts, entitiesForLinking, parseLinkingSpans, rejectedSuggestionSpans } from '../store/entities.js';
import { labelsThatNameThings } from '../store/labels.js';
import { findAcronymDefinitions, type AcronymDefinition } from './acronyms.js';
import { explainAcronym, explainKnownAlias, explainSameForm, explainSpellingVariant, type AcronymSource } from './explanations.js';
import type { AliasMatch } from './known-aliases.js';
import { NameKeyCache, type NameKeys } from './name-keys.js';

/**
 * Link suggestions: accepted spans that are not linked yet, grouped with the
 * entity (or with each other) they most likely name, each group with its reason.
 *
 * Spans fall into classes by their coarsest key (known aliases replaced, spelling
 * folded); an acronym the text defines joins its long form's class. Within a
 * class, each span is matched to a target — the best-fitting existing entity,
 * or else a new entity named after the class's most frequent form — and gets
 * the finest reason that holds between the two. One suggestion is made per
 * class, target and reason, keyed `reason:label:class`, so the key is stable
 * while the class lasts and rejecting one reason leaves the others.
 */

/** An accepted span with its text. */
export interface LinkingSpan {
  readonly id: number;
  readonly documentId: number;
  readonly label: string;
  readonly entityId: number | null;
  readonly surface: string;
}

/** The acronyms one document defines. */
export interface DocumentDefinitions {
  readonly title: string;
  readonly definitions: readonly AcronymDefinition[];
}

export interface SuggestionInput {
  /** Accepted spans, linked or not: linked ones tell which forms their entity goes by. Read once. */
  readonly spans: Iterable<LinkingSpan>;
  readonly entities: readonly Entity[];
  /** By document id; documents that define nothing may be left out. */
  readonly definitions: ReadonlyMap<number, DocumentDefinitions>;
  /** Span ids rejected per suggestion key. */
  readonly rejected: ReadonlyMap<string, ReadonlySet<number>>;
}

export interface LinkSuggestion {
  readonly key: string;
  readonly reason: EntityLinkReason;
  readonly explanation: string;
  readonly label: string;
  readonly entityId: number | null;
  readonly name: string;
  readonly spanIds: readonly number[];
  readonly surfaces: readonly string[];
  /** Suggestions of one group that create an entity create one between them when accepted together. */
  readonly group: string;
}

const REASONS: readonly EntityLinkReason[] = ['same_form', 'spelling_variant', 'known_alias', 'acronym'];
const RANK: Readonly<Record<EntityLinkReason, number>> = { same_form: 0, spelling_variant: 1, known_alias: 2, acronym: 3 };

/** Keys of the forms a target goes by, each with the first form that has it (the name comes first). */
interface FormKeys {
  readonly sameForms: Map<string, string>;
  readonly variants: Map<string, string>;
  readonly aliases: Map<string, string>;
}

interface EntityForms extends FormKeys {
  readonly entity: Entity;
  readonly aliasMatches: AliasMatch[];
  /** Acronyms among the entity's forms, with where the corpus defines them. */
  readonly acronymSources: AcronymSource[];
  mentions: number;
}

/**
 * Spans not linked yet that share a label and a form (and, for an acronym, a
 * document, whose own definition may decide its class): everything a
 * suggestion needs of them is the same, so a corpus's hundreds of thousands of
 * mentions become a few thousand members.
 */
interface Member {
  readonly label: string;
  readonly surface: string;
  readonly keys: NameKeys;
  /** Only for an acronym: the document whose definition it may take. */
  readonly documentId?: number;
  readonly spanIds: number[];
  /** Set when the spans are an acronym that joined its long form's class. */
  acronym?: readonly AcronymSource[];
}

/** The forms linked spans give their entity, per label, with how many spans there are. */
type LinkedForms = Map<number, Map<string, { mentions: number; readonly surfaces: Set<string> }>>;

/**
 * Accepted spans gathered in one pass, as members and linked forms: what
 * computeSuggestions needs, in memory that grows with the forms, not the spans.
 */
export class GatheredSpans {
  readonly linked: LinkedForms = new Map();
  readonly members = new Map<string, Member>();

  constructor(private readonly keys: NameKeyCache) {}

  add(span: LinkingSpan): void {
    if (span.entityId !== null) {
      let byLabel = this.linked.get(span.entityId);
      if (!byLabel) {
        byLabel = new Map();
        this.linked.set(span.entityId, byLabel);
      }
      const forms = byLabel.get(span.label);
      if (forms) {
        forms.mentions += 1;
        forms.surfaces.add(span.surface);
      } else byLabel.set(span.label, { mentions: 1, surfaces: new Set([span.surface]) });
      return;
    }
    const k = this.keys.get(span.surface);
    if (k.sameForm === '') return;
    const id = k.acronymLike ? `${span.label}\u0000${span.surface}\u0000${span.documentId}` : `${span.label}\u0000${span.surface}`;
    const member = this.members.get(id);
    if (member) member.spanIds.push(span.id);
    else {
      const created: Member = { label: span.label, surface: span.surface, keys: k, spanIds: [span.id] };
      this.members.set(id, k.acronymLike ? { ...created, documentId: span.documentId } : created);
    }
  }
}

/** How many spans the members stand for. */
function spanCount(members: readonly Member[]): number {
  let count = 0;
  for (const member of members) count += member.spanIds.length;
  return count;
}

interface ClassState {
  readonly label: string;
  readonly classKey: string;
  readonly entities: EntityForms[];
  readonly members: Member[];
}

/** Definitions across the corpus: acronym key → long form's class key → where it is defined. */
type CorpusDefinitions = Map<string, Map<string, AcronymSource[]>>;

function corpusDefinitions(definitions: ReadonlyMap<number, DocumentDefinitions>, keys: NameKeyCache): CorpusDefinitions {
  const corpus: CorpusDefinitions = new Map();
  for (const doc of definitions.values()) {
    for (const definition of doc.definitions) {
      const byLongForm = corpus.get(definition.key) ?? new Map<string, AcronymSource[]>();
      corpus.set(definition.key, byLongForm);
      const longKey = keys.get(definition.longForm).alias;
      const sources = byLongForm.get(longKey) ?? [];
      byLongForm.set(longKey, sources);
      sources.push({ definition, documentTitle: doc.title });
    }
  }
  return corpus;
}

/** The long form's class an acronym stands for everywhere, when the corpus defines it one way only. */
function unambiguous(corpus: CorpusDefinitions, acronymKey: string): { classKey: string; sources: AcronymSource[] } | undefined {
  const byLongForm = corpus.get(acronymKey);
  if (!byLongForm || byLongForm.size !== 1) return undefined;
  const [classKey, sources] = [...byLongForm][0] as [string, AcronymSource[]];
  return { classKey, sources };
}

function classId(label: string, classKey: string): string {
  return `${label}\u0000${classKey}`;
}

/** The most frequent string, ties going to the one seen first; `weight` says how many times each value counts. */
function mostFrequent(values: readonly string[], weights?: readonly number[]): string | undefined {
  const counts = new Map<string, number>();
  values.forEach((value, index) => counts.set(value, (counts.get(value) ?? 0) + (weights?.[index] ?? 1)));
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** Distinct surfaces, most frequent first. */
function surfacesOf(members: readonly Member[]): string[] {
  const counts = new Map<string, number>();
  for (const member of members) counts.set(member.surface, (counts.get(member.surface) ?? 0) + member.spanIds.length);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([surface]) => surface);
}

function relationTo(keys: NameKeys, target: FormKeys): EntityLinkReason {
  if (target.sameForms.has(keys.sameForm)) return 'same_form';
  if (target.variants.has(keys.variant)) return 'spelling_variant';
  if (target.aliases.has(keys.alias)) return 'known_alias';
  return 'acronym';
}

/**
 * The definitions behind the members' acronyms. Members that took the corpus's
 * definition share one list, so lists are counted once, not once per member.
 */
function acronymSources(members: readonly Member[]): AcronymSource[] {
  const lists = new Set<readonly AcronymSource[]>();
  for (const member of members) if (member.acronym) lists.add(member.acronym);
  return [...lists].flat();
}

interface Target {
  readonly entityId: number | null;
  readonly name: string;
  readonly keys: FormKeys;
  readonly aliasMatches: readonly AliasMatch[];
  readonly acronymSources: readonly AcronymSource[];
}

/**
 * The target's form the members are compared with: an entity may be matched
 * by an alias or an earlier mention rather than by its name.
 */
function referenceFor(reason: EntityLinkReason, target: Target, members: readonly Member[]): string {
  const lookUp = (member: Member): string | undefined => {
    switch (reason) {
      case 'same_form':
        return target.keys.sameForms.get(member.keys.sameForm);
      case 'spelling_variant':
        return target.keys.variants.get(member.keys.variant);
      case 'known_alias':
        return target.keys.aliases.get(member.keys.alias);
      case 'acronym':
        return undefined;
    }
  };
  const forms: string[] = [];
  const weights: number[] = [];
  for (const member of members) {
    const form = lookUp(member);
    if (form === undefined) continue;
    forms.push(form);
    weights.push(member.spanIds.length);
  }
  return mostFrequent(forms, weights) ?? target.name;
}

function explain(reason: EntityLinkReason, target: Target, members: readonly Member[], surfaces: readonly string[]): string {
  const reference = referenceFor(reason, target, members);
  const also = reference === target.name ? '' : ` (entity "${target.name}" also goes by "${reference}")`;
  switch (reason) {
    case 'same_form':
      return explainSameForm(reference, surfaces, spanCount(members)) + also;
    case 'spelling_variant':
      return explainSpellingVariant(reference, surfaces) + also;
    case 'known_alias':
      return explainKnownAlias([...target.aliasMatches, ...members.flatMap((member) => member.keys.aliasMatches)], reference, surfaces) + also;
    case 'acronym':
      return explainAcronym([...acronymSources(members), ...target.acronymSources]);
  }
}

/** Computes the suggestions from what the store holds; pure, so it can be tested and timed alone. */
export function computeSuggestions(input: SuggestionInput, keys = new NameKeyCache()): LinkSuggestion[] {
  const gathered = new GatheredSpans(keys);
  for (const span of input.spans) gathered.add(span);
  return suggestionsFrom(gathered, input, keys);
}

/** The suggestions for spans already gathered. */
function suggestionsFrom(gathered: GatheredSpans, input: Omit<SuggestionInput, 'spans'>, keys: NameKeyCache): LinkSuggestion[] {
  const corpus = corpusDefinitions(input.definitions, keys);
  // By label, then by class key: no string is built per member to find its class.
  const classes = new Map<string, Map<string, ClassState>>();
  const classFor = (label: string, classKey: string): ClassState => {
    let byKey = classes.get(label);
    if (!byKey) {
      byKey = new Map();
      classes.set(label, byKey);
    }
    let state = byKey.get(classKey);
    if (!state) {
      state = { label, classKey, entities: [], members: [] };
      byKey.set(classKey, state);
    }
    return state;
  };

  // Entities, with every form they go by: name, aliases and the text of their mentions.
  const entityForms = new Map<number, EntityForms>();
  const formsOf = new Map<number, Set<string>>();
  for (const entity of input.entities) {
    const forms: EntityForms = {
      entity,
      sameForms: new Map(),
      variants: new Map(),
      aliases: new Map(),
      aliasMatches: [],
      acronymSources: [],
      mentions: 0,
    };
    entityForms.set(entity.id, forms);
    const surfaces = new Set([entity.name, ...entity.aliases]);
    const linked = gathered.linked.get(entity.id)?.get(entity.label);
    if (linked) {
      forms.mentions = linked.mentions;
      for (const surface of linked.surfaces) surfaces.add(surface);
    }
    formsOf.set(entity.id, surfaces);
  }
  for (const [entityId, surfaces] of formsOf) {
    const forms = entityForms.get(entityId) as EntityForms;
    const classKeys = new Set<string>();
    for (const surface of surfaces) {
      const k = keys.get(surface);
      if (k.sameForm === '') continue;
      if (!forms.sameForms.has(k.sameForm)) forms.sameForms.set(k.sameForm, surface);
      if (!forms.variants.has(k.variant)) forms.variants.set(k.variant, surface);
      if (!forms.aliases.has(k.alias)) forms.aliases.set(k.alias, surface);
      forms.aliasMatches.push(...k.aliasMatches);
      classKeys.add(k.alias);
      const expansion = k.acronymLike ? unambiguous(corpus, k.sameForm) : undefined;
      if (expansion) {
        classKeys.add(expansion.classKey);
        forms.acronymSources.push(...expansion.sources);
      }
    }
    for (const classKey of classKeys) classFor(forms.entity.label, classKey).entities.push(forms);
  }

  // Spans not linked yet; a defined acronym joins its long form, unless an entity already goes by it.
  for (const member of gathered.members.values()) {
    const k = member.keys;
    let classKey = k.alias;
    if (k.acronymLike && !classes.get(member.label)?.get(k.alias)?.entities.length) {
      const here = member.documentId === undefined ? undefined : input.definitions.get(member.documentId);
      const local = here?.definitions.find((definition) => definition.key === k.sameForm);
      if (here && local) {
        classKey = keys.get(local.longForm).alias;
        member.acronym = [{ definition: local, documentTitle: here.title }];
      } else {
        const expansion = unambiguous(corpus, k.sameForm);
        if (expansion) {
          classKey = expansion.classKey;
          member.acronym = expansion.sources;
        }
      }
    }
    classFor(member.label, classKey).members.push(member);
  }

  const suggestions: LinkSuggestion[] = [];
  for (const byKey of classes.values()) {
    for (const state of byKey.values()) {
      if (state.members.length === 0) continue;
      if (state.entities.length > 0) suggestions.push(...toExistingEntities(state, input.rejected));
      else suggestions.push(...toNewEntity(state, input.rejected, keys));
    }
  }
  return suggestions.sort((a, b) => b.spanIds.length - a.spanIds.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function keyOf(reason: EntityLinkReason, state: ClassState, entityId?: number): string {
  return `${reason}:${state.label}:${state.classKey}${entityId === undefined ? '' : `:${entityId}`}`;
}

/** The members with the rejected spans left out (a member may lose some of its spans, or all). */
function notRejected(members: readonly Member[], rejected: ReadonlySet<number> | undefined): Member[] {
  if (!rejected) return [...members];
  const kept: Member[] = [];
  for (const member of members) {
    const spanIds = member.spanIds.filter((id) => !rejected.has(id));
    if (spanIds.length === member.spanIds.length) kept.push(member);
    else if (spanIds.length > 0) kept.push({ ...member, spanIds });
  }
  return kept;
}

/** `explained` are the members the reason is about; the others are there to make up the new entity. */
function suggestion(
  state: ClassState,
  key: string,
  reason: EntityLinkReason,
  target: Target,
  members: readonly Member[],
  explained: readonly Member[] = members,
): LinkSuggestion {
  const surfaces = surfacesOf(members);
  return {
    key,
    reason,
    explanation: explain(reason, target, explained, explained === members ? surfaces : surfacesOf(explained)),
    label: state.label,
    entityId: target.entityId,
    name: target.name,
    spanIds: members.flatMap((member) => member.spanIds).sort((a, b) => a - b),
    surfaces,
    group: classId(state.label, state.classKey),
  };
}

/** Each span goes to the entity it fits best: finest reason, then the most mentioned entity, then the oldest. */
function toExistingEntities(state: ClassState, rejected: SuggestionInput['rejected']): LinkSuggestion[] {
  const groups = new Map<string, { forms: EntityForms; reason: EntityLinkReason; members: Member[] }>();
  for (const member of state.members) {
    let best: { forms: EntityForms; reason: EntityLinkReason } | undefined;
    for (const forms of state.entities) {
      const reason = relationTo(member.keys, forms);
      const better =
        !best ||
        RANK[reason] < RANK[best.reason] ||
        (RANK[reason] === RANK[best.reason] &&
          (forms.mentions > best.forms.mentions || (forms.mentions === best.forms.mentions && forms.entity.id < best.forms.entity.id)));
      if (better) best = { forms, reason };
    }
    if (!best) continue;
    const id = `${best.forms.entity.id}:${best.reason}`;
    const group = groups.get(id) ?? { ...best, members: [] };
    group.members.push(member);
    groups.set(id, group);
  }
  const several = state.entities.length > 1;
  const out: LinkSuggestion[] = [];
  for (const { forms, reason, members } of groups.values()) {
    const key = keyOf(reason, state, several ? forms.entity.id : undefined);
    const kept = notRejected(members, rejected.get(key));
    if (kept.length === 0) continue;
    const target: Target = {
      entityId: forms.entity.id,
      name: forms.entity.name,
      keys: forms,
      aliasMatches: forms.aliasMatches,
      acronymSources: forms.acronymSources,
    };
    out.push(suggestion(state, key, reason, target, kept));
  }
  return out;
}

/**
 * A new entity named after the most frequent form (an acronym's long form when
 * only the acronym was tagged). Suggestions for variants carry the spans of that
 * form too, so accepting one alone makes a whole entity.
 */
function toNewEntity(state: ClassState, rejected: SuggestionInput['rejected'], keys: NameKeyCache): LinkSuggestion[] {
  const plain = state.members.filter((member) => !member.acronym);
  const name =
    mostFrequent(
      plain.map((member) => member.surface),
      plain.map((member) => member.spanIds.length),
    ) ??
    mostFrequent(acronymSources(state.members).map((source) => source.definition.longForm));
  if (name === undefined) return [];
  const nameKeys = keys.get(name);
  const target: Target = {
    entityId: null,
    name,
    keys: { sameForms: new Map([[nameKeys.sameForm, name]]), variants: new Map([[nameKeys.variant, name]]), aliases: new Map([[nameKeys.alias, name]]) },
    aliasMatches: nameKeys.aliasMatches,
    acronymSources: [],
  };
  const byReason = new Map<EntityLinkReason, Member[]>();
  for (const member of state.members) {
    const reason = member.acronym ? 'acronym' : relationTo(member.keys, target.keys);
    const list = byReason.get(reason) ?? [];
    list.push(member);
    byReason.set(reason, list);
  }
  const named = byReason.get('same_form') ?? [];
  const out: LinkSuggestion[] = [];
  for (const reason of REASONS) {
    const own = byReason.get(reason);
    if (!own) continue;
    const key = keyOf(reason, state);
    const rejectedHere = rejected.get(key);
    if (reason === 'same_form') {
      const kept = notRejected(own, rejectedHere);
      // One span alone is no group; it waits for a second mention or an entity.
      if (spanCount(kept) >= 2) out.push(suggestion(state, key, reason, target, kept));
      continue;
    }
    const keptOwn = notRejected(own, rejectedHere);
    const keptNamed = notRejected(named, rejectedHere);
    // When every span of the name was turned down for this key, the variants have nothing left to join.
    if (keptOwn.length === 0 || (named.length > 0 && keptNamed.length === 0)) continue;
    out.push(suggestion(state, key, reason, target, [...keptNamed, ...keptOwn], keptOwn));
  }
  return out;
}

/**
 * The suggestions for the project's accepted spans, of the given labels (all
 * when omitted) that name things: dates and figures ("2024", "24-bed") are
 * values, never mentions of an entity.
 */
export function linkSuggestions(db: Db, requested?: readonly string[]): LinkSuggestion[] {
  const naming = labelsThatNameThings(db);
  const labels = requested ? naming.filter((label) => requested.includes(label)) : naming;
  if (labels.length === 0) return [];
  const byDocument = acceptedSpansByDocument(db, labels);
  const keys = new NameKeyCache();
  const gathered = new GatheredSpans(keys);
  const definitions = new Map<number, DocumentDefinitions>();
  // Same surfaces are one string: a corpus names a few hundred hospitals hundreds of thousands of times.
  const surfaces = new Map<string, string>();
  for (const doc of documentTexts(db, [...byDocument.keys()])) {
    const offsets = new OffsetMap(doc.text);
    for (const [id, documentId, startCp, endCp, label, entityId] of parseLinkingSpans(byDocument.get(doc.id) ?? '[]')) {
      const sliced = offsets.sliceCp(startCp, endCp);
      let surface = surfaces.get(sliced);
      if (surface === undefined) {
        surface = sliced;
        surfaces.set(sliced, sliced);
      }
      gathered.add({ id, documentId, label, entityId, surface });
    }
    byDocument.delete(doc.id);
    const found = findAcronymDefinitions(doc.text);
    if (found.length > 0) definitions.set(doc.id, { title: doc.title, definitions: found });
  }
  return suggestionsFrom(gathered, { entities: entitiesForLinking(db, labels), definitions, rejected: rejectedSuggestionSpans(db) }, keys);
}
