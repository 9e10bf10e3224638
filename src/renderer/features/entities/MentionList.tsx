/**
 * The mentions of an entity, each with its document and a way to open it there;
 * ticked mentions can be split off into a new entity.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { EntityDetailDto } from '../../../shared/api.js';
import { useEntitiesStore } from '../../stores/entities-store.js';
import { plural } from '../duplicates/cluster-names.js';
import { openMention, splitEntity } from './entity-commands.js';

type Mention = EntityDetailDto['mentionList'][number];

const ROW_HEIGHT = 40;

function SplitForm({ entity, chosen }: { readonly entity: EntityDetailDto; readonly chosen: readonly Mention[] }) {
  const suggested = chosen[0]?.text ?? '';
  const [name, setName] = useState(suggested);
  // A new first choice suggests its own text as the name, until the user types one.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setName(suggested);
  }, [suggested, edited]);
  return (
    <form
      className="inline-form split-form"
      aria-label="Split into a new entity"
      onSubmit={(event) => {
        event.preventDefault();
        void splitEntity(
          entity.id,
          chosen.map((mention) => mention.spanId),
          name,
        );
      }}
    >
      <label htmlFor="split-name">Move {plural(chosen.length, 'mention')} to a new entity named</label>
      <input
        id="split-name"
        value={name}
        maxLength={300}
        onChange={(event) => {
          setEdited(true);
          setName(event.target.value);
        }}
      />
      <button type="submit" disabled={name.trim() === '' || chosen.length === entity.mentionList.length}>
        Split
      </button>
      {chosen.length === entity.mentionList.length ? <span className="hint">Leave at least one mention here.</span> : null}
    </form>
  );
}

/** The mentions section of the entity on show. */
export function MentionList({ entity }: { readonly entity: EntityDetailDto }) {
  const chosenIds = useEntitiesStore((s) => s.chosenMentions);
  const mentions = entity.mentionList;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: mentions.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    useFlushSync: false,
  });
  const chosen = mentions.filter((mention) => chosenIds.has(mention.spanId));
  const allChosen = mentions.length > 0 && chosen.length === mentions.length;
  return (
    <section className="mention-section" aria-labelledby="mentions-heading">
      <h3 id="mentions-heading">
        Mentions <span className="count">{mentions.length}</span>
      </h3>
      {mentions.length > 1 ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={allChosen}
            onChange={() => useEntitiesStore.getState().setChosenMentions(allChosen ? [] : mentions.map((mention) => mention.spanId))}
          />
          Choose all mentions
        </label>
      ) : null}
      <div className="mention-scroll" ref={scrollRef}>
        <ul className="mention-list" aria-label="Mentions" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const mention = mentions[row.index] as Mention;
            return (
              <li key={mention.spanId} className="mention-row" style={{ height: row.size, transform: `translateY(${row.start}px)` }}>
                <input
                  type="checkbox"
                  checked={chosenIds.has(mention.spanId)}
                  onChange={() => useEntitiesStore.getState().toggleMention(mention.spanId)}
                  aria-label={`Choose “${mention.text}” in ${mention.documentTitle}`}
                />
                <q className="mention-text">{mention.text}</q>
                <span className="mention-document" title={mention.documentTitle}>
                  {mention.documentTitle}
                </span>
                <button type="button" className="link-button" onClick={() => void openMention(mention)} aria-label={`Open “${mention.documentTitle}” at “${mention.text}”`}>
                  Open
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      {chosen.length > 0 ? <SplitForm entity={entity} chosen={chosen} /> : null}
    </section>
  );
}
