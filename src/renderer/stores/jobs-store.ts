/**
 * The import, export, duplicate-detection and suggestion jobs the UI started: their latest state, polled about
 * every 300 ms while they run. Polling lives here rather than in a dialog, so a
 * job keeps being followed (and the list refreshed after it) when its dialog is
 * closed.
 */
import { create } from 'zustand';
import type { JobStateDto } from '../../shared/api.js';
import { call, errorMessage } from '../api-client.js';

export type JobKind = JobStateDto['kind'];

const POLL_MS = 300;

export interface TrackedJob {
  readonly id: string;
  /** Null until the first poll answers. */
  readonly state: JobStateDto | null;
  /** Set when the job could not be followed (the server went away, …). */
  readonly pollError: string | null;
}

/** What a dialog shows before the job exists: reading files, uploading, asking the server. */
export interface Preparation {
  readonly message: string;
}

interface JobsState {
  readonly import: TrackedJob | null;
  readonly export: TrackedJob | null;
  readonly dedupe: TrackedJob | null;
  readonly suggest: TrackedJob | null;
  readonly preparing: { readonly [K in JobKind]: Preparation | null };
  setPreparing(kind: JobKind, preparation: Preparation | null): void;
  /** Follows job `id` until it ends; resolves with its last state (null when it could not be followed). */
  follow(kind: JobKind, id: string): Promise<JobStateDto | null>;
  cancel(kind: JobKind): Promise<void>;
  clear(kind: JobKind): void;
}

/** True while a job can still change. */
export function isRunning(job: TrackedJob | null): boolean {
  return job !== null && job.pollError === null && (job.state === null || job.state.state === 'running');
}

/** The jobs store: the latest job of each kind the UI started. */
export const useJobsStore = create<JobsState>()((set, get) => ({
  import: null,
  export: null,
  dedupe: null,
  suggest: null,
  preparing: { import: null, export: null, dedupe: null, suggest: null },
  setPreparing: (kind, preparation) => set((state) => ({ preparing: { ...state.preparing, [kind]: preparation } })),
  follow: (kind, id) => {
    set({ [kind]: { id, state: null, pollError: null } });
    return new Promise((resolve) => {
      const poll = async (): Promise<void> => {
        // A newer job of the same kind replaced this one: stop following it.
        if (get()[kind]?.id !== id) return resolve(null);
        try {
          const state = await call('jobs:get', { jobId: id });
          if (get()[kind]?.id !== id) return resolve(null);
          set({ [kind]: { id, state, pollError: null } });
          if (state.state === 'running') setTimeout(() => void poll(), POLL_MS);
          else resolve(state);
        } catch (error) {
          if (get()[kind]?.id === id) set({ [kind]: { id, state: get()[kind]?.state ?? null, pollError: errorMessage(error) } });
          resolve(null);
        }
      };
      void poll();
    });
  },
  cancel: async (kind) => {
    const job = get()[kind];
    if (!job) return;
    const state = await call('jobs:cancel', { jobId: job.id });
    if (get()[kind]?.id === job.id) set({ [kind]: { ...job, state } });
  },
  clear: (kind) => set({ [kind]: null }),
}));
