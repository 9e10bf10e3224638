/** Shown when several entities are selected: choose the one to keep, and merge the others into it. */
import { useState, type CSSProperties } from 'react';
import type { EntitySummaryDto } from '../../../shared/api.js';
import { MERGE_TARGET_FIELD_NAME } from '../../components/element-ids.js';
import { useEntitiesStore } from '../../stores/entities-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { plural } from '../duplicates/cluster-names.js';
import { mergeEntities } from './entity-commands.js';

/** The entity kept by default: the most mentioned. */
function likeliestTarget(entities: readonly EntitySummaryDto[]): number | null {
  let best: EntitySummaryDto | null = null;
  for (const entity of entities) if (!best || entity.mentions > best.mentions) best = entity;
  return best?.id ?? null;
}

/** The merge form over the selected entities. */
export function MergePanel() {
  const selected = useEntitiesStore((s) => s.selected);
  const labels = useLabelsStore((s) => s.byName);
  const entities = [...selected.values()];
  const [choice, setChoice] = useState<number | null>(null);
  const targetId = choice !== null && selected.has(choice) ? choice : likeliestTarget(entities);
  const mixedLabels = new Set(entities.map((entity) => entity.label)).size > 1;
  return (
    <section className="merge-panel" aria-labelledby="merge-heading">
      <h2 id="merge-heading">Merge {plural(entities.length, 'entity', 'entities')}</h2>
      <fieldset>
        <legend>Keep this one; the others&apos; mentions and names move to it</legend>
        {entities.map((entity) => {
          const label = labels.get(entity.label);
          return (
            <label key={entity.id} className="radio">
              <input type="radio" name={MERGE_TARGET_FIELD_NAME} value={entity.id} checked={entity.id === targetId} onChange={() => setChoice(entity.id)} />
              {entity.name}
              <span className="chip" style={{ '--label-color': label?.color ?? '#808080' } as CSSProperties}>
                {label?.displayName ?? entity.label}
              </span>
              <span className="hint">{plural(entity.mentions, 'mention')}</span>
            </label>
          );
        })}
      </fieldset>
      {mixedLabels ? <p className="field-error">These entities have different labels.</p> : null}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={targetId === null}
          aria-keyshortcuts="M"
          onClick={() => {
            if (targetId !== null) void mergeEntities(targetId, [...selected.keys()]);
          }}
        >
          Merge
        </button>
        <span className="hint">Undo takes a merge back. Click an entity alone to leave the selection.</span>
      </div>
    </section>
  );
}
