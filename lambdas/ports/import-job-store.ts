/**
 * Port: import jobs (`lambdas/domain/import/import-job.ts`) — the job record with its counts, its chunks of licences,
 * and each chunk's outcomes, recorded once. Adapter: `lambdas/adapters/dynamo/import-job-store.ts`; its callers are the
 * import use cases (`lambdas/use-cases/imports/`).
 *
 * The work is re-queued from here, never only from a queue: a job's plan and chunk messages are outbox messages
 * (topic `imports`), re-sent by the relay until the worker completes them, and a chunk counts once because its
 * outcomes are written only if absent, in the same write as the counts and the message's completion.
 */
import type { ImportChunkItem, ImportCounts, ImportJob, ImportOutcome } from '../domain/import/import-job';
import type { OutboxMessage, OutboxRef } from './transaction-parts';

/**
 * How the check ended: a dry run `checked`, a run `running` (its chunks and their messages are written with it) or
 * `done` (nothing to import), or `failed` (the file could not be imported).
 *
 * @example
 * const end: PlanningEnd = { state: 'checked', at, counts };
 */
export interface PlanningEnd {
  readonly state: 'checked' | 'running' | 'done' | 'failed';
  readonly at: string;
  readonly counts: ImportCounts;
  readonly error?: { readonly code: string; readonly message: string };
  /** A run's chunks, in order (chunk `i` is `chunks[i]`). */
  readonly chunks?: readonly (readonly ImportChunkItem[])[];
  /** A run's chunk messages, one per chunk. */
  readonly messages?: readonly OutboxMessage[];
}

/**
 * The import jobs.
 *
 * @example
 * await jobs.create(job, planMessage);
 * const job = await jobs.get(job.id);
 */
export interface ImportJobStore {
  /** A new job (state `planning`) and its plan message, in one write. */
  create(job: ImportJob, message: OutboxMessage): Promise<void>;
  get(id: string): Promise<ImportJob | undefined>;
  /**
   * End the check: chunks and their messages written first (idempotent: a check run again writes the same), then the
   * job moved from `planning` and the plan message completed, in one write. False when the job was no longer planning.
   */
  endPlanning(id: string, end: PlanningEnd, planMessage: OutboxRef): Promise<boolean>;
  /** A chunk's licences, or undefined when there is no such chunk. */
  chunk(id: string, index: number): Promise<readonly ImportChunkItem[] | undefined>;
  /** Whether the chunk's outcomes are recorded. */
  isChunkDone(id: string, index: number): Promise<boolean>;
  /**
   * Record a chunk's outcomes, add them to the job's counts and complete its message, all or nothing — only if the
   * chunk was not recorded yet (false then: another delivery got there first, and nothing changed).
   */
  completeChunk(id: string, index: number, outcomes: readonly ImportOutcome[], message: OutboxRef): Promise<boolean>;
  /** Move a running job whose every chunk is recorded to `done` (idempotent; nothing happens otherwise). */
  finish(id: string, at: string): Promise<void>;
  /** Every recorded outcome of the job, in chunk order. */
  outcomes(id: string): Promise<ImportOutcome[]>;
  /** Jobs still planning or running, oldest first (what a restart resumes). */
  active(): Promise<ImportJob[]>;
  /** The chunks of a running job not yet recorded, ascending. */
  pendingChunks(id: string): Promise<number[]>;
}
