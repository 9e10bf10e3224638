/** The project's labels, in the order the project shows them, with lookups by name and by key. */
import { create } from 'zustand';
import type { InputOf, LabelDto } from '../../shared/api.js';
import { call } from '../api-client.js';

interface LabelsState {
  readonly labels: readonly LabelDto[];
  readonly byName: ReadonlyMap<string, LabelDto>;
  load(): Promise<void>;
  create(input: InputOf<'labels:create'>): Promise<LabelDto>;
  update(input: InputOf<'labels:update'>): Promise<LabelDto>;
}

function indexed(labels: readonly LabelDto[]): Pick<LabelsState, 'labels' | 'byName'> {
  return { labels, byName: new Map(labels.map((label) => [label.name, label])) };
}

/** The labels store, loaded on start and after imports (which may add labels). */
export const useLabelsStore = create<LabelsState>()((set, get) => ({
  labels: [],
  byName: new Map(),
  load: async () => {
    set(indexed(await call('labels:list', {})));
  },
  create: async (input) => {
    const label = await call('labels:create', input);
    set(indexed([...get().labels, label]));
    return label;
  },
  update: async (input) => {
    const label = await call('labels:update', input);
    set(indexed(get().labels.map((l) => (l.name === label.name ? label : l))));
    return label;
  },
}));

/** The label whose shortcut is `key`, if any. */
export function labelForKey(labels: readonly LabelDto[], key: string): LabelDto | undefined {
  return labels.find((label) => label.shortcutKey !== null && label.shortcutKey === key);
}
