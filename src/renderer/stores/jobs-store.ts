/**
 * The import, export, duplicate-detection, suggestion, decide-everywhere and tag-from-search jobs the UI started: their latest state, polled about
 * every 300 ms while they run. Polling lives here rather than in a dialog, so a
 * job keeps being followed (and the list refreshed after it) when its dialog is
 * closed.
 */
import { create } from 'zustand';
import type { JobStateDto } from '../../shared/api.js';
import { call, errorMessage } from '../api-client.js';
import { jobCount } from '../components/job-pace.js';

export type JobKind = JobStateDto['kind'];

const POLL_MS = 300;

export interface TrackedJob {
  readonly id: string;
  /** Null until the first poll answers. */
  readonly state: JobStateDto | null;
  /** Set when the job could not be followed (the server went away, …). */
  readonly pollError: string | null;
  /**
   * Where the rate is measured from when not from the job's start: its count
   * went back, as at each phase of duplicate detection, so it counts anew.
   */
  readonly paceFrom: { readonly at: number; readonly done: number } | null;
}

/** The job's new state, and where its rate is measured from now. */
function polled(previous: TrackedJob | null, id: string, state: JobStateDto): TrackedJob {
  const before = previous?.id === id ? previous : null;
  const done = jobCount(state).done;
  const restarted = before?.state != null && done < jobCount(before.state).done;
  return { id, state, pollError: null, paceFrom: restarted ? { at: Date.now(), done } : (before?.paceFrom ?? null) };
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
  readonly decide: TrackedJob | null;
  readonly tag: TrackedJob | null;
  readonly sync: TrackedJob | null;
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
  decide: null,
  tag: null,
  sync: null,
  preparing: { import: null, export: null, dedupe: null, suggest: null, decide: null, tag: null, sync: null },
  setPreparing: (kind, preparation) => set((state) => ({ preparing: { ...state.preparing, [kind]: preparation } })),
  follow: (kind, id) => {
    set({ [kind]: { id, state: null, pollError: null, paceFrom: null } });
    return new Promise((resolve) => {
      const poll = async (): Promise<void> => {
        // A newer job of the same kind replaced this one: stop following it.
        if (get()[kind]?.id !== id) return resolve(null);
        try {
          const state = await call('jobs:get', { jobId: id });
          if (get()[kind]?.id !== id) return resolve(null);
          set({ [kind]: polled(get()[kind], id, state) });
          if (state.state === 'running') setTimeout(() => void poll(), POLL_MS);
          else resolve(state);
        } catch (error) {
          const job = get()[kind];
          if (job?.id === id) set({ [kind]: { ...job, pollError: errorMessage(error) } });
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
