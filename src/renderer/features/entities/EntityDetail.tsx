/** The right side of the Entities view: the entity on show, or the merge form when several are selected. */
import type { CSSProperties } from 'react';
import type { EntityDetailDto } from '../../../shared/api.js';
import { useEntitiesStore } from '../../stores/entities-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { plural } from '../duplicates/cluster-names.js';
import { AliasEditor } from './AliasEditor.js';
import { MentionList } from './MentionList.js';
import { MergePanel } from './MergePanel.js';
import { RenameForm } from './RenameForm.js';

function EntityCard({ entity }: { readonly entity: EntityDetailDto }) {
  const label = useLabelsStore((s) => s.byName.get(entity.label));
  return (
    <section className="entity-detail" aria-labelledby="entity-heading">
      <header className="entity-header">
        <h2 id="entity-heading">{entity.name}</h2>
        <p className="doc-meta">
          <span className="chip" style={{ '--label-color': label?.color ?? '#808080' } as CSSProperties}>
            {label?.displayName ?? entity.label}
          </span>
          <span>
            {plural(entity.mentions, 'mention')} in {plural(entity.documents, 'document')}
          </span>
        </p>
      </header>
      <RenameForm entity={entity} />
      <AliasEditor entity={entity} />
      <MentionList entity={entity} />
    </section>
  );
}

/** The entity on show, the merge form, or what to do first. */
export function EntityDetail() {
  const several = useEntitiesStore((s) => s.selected.size > 1);
  const detail = useEntitiesStore((s) => s.detail);
  const loading = useEntitiesStore((s) => s.loading);
  if (several) return <MergePanel />;
  if (detail) return <EntityCard entity={detail} />;
  return (
    <div className="empty-state" role={loading ? 'status' : undefined}>
      {loading ? (
        <p>Loading…</p>
      ) : (
        <>
          <h2>No entity chosen</h2>
          <p>
            An entity is one hospital, person or place however it is written. Choose one on the left to rename it, edit its aliases or split its
            mentions; select several (Ctrl or ⌘ + click, or Space) to merge them.
          </p>
        </>
      )}
    </div>
  );
}
