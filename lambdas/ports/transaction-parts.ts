/**
 * Typed parts of a transaction: what a use case hands a repository to write **atomically with its own change** (the
 * certificate's issuance, a paper reprint). The use case says what the part is; only the DynamoDB adapter
 * (`lambdas/adapters/dynamo/transaction-parts.ts`) knows the items, keys and conditions it becomes. Any part whose
 * condition fails cancels the whole transaction (`CommitConflict('part')`).
 *
 * @example
 * const parts: TransactionPart[] = [
 *   { kind: 'application-saved', application: completed, expectedRevision: ready.revision },
 *   { kind: 'inspection-scheduled', inspection },
 * ];
 */
import type { OutboxTopic } from '../../lib/resources';
import type { ApplicationSnapshot } from '../domain/application';
import type { Dispatch } from '../domain/dispatch';
import type { InspectionSnapshot } from '../domain/inspection';
import type { LicenceEvent } from '../domain/webhooks/events';
import type { PendingLogEntry } from './log-store';

export type { OutboxTopic };

/**
 * A message announcing a change, stored with it (the transactional outbox): published after the commit, re-sent by the
 * relay from `nextRelayAt` on until its consumer completes it. Bodies carry ids, never personal data (queues are not
 * where personal data lives).
 *
 * @example
 * const message: OutboxMessage = { topic: 'dispatch', id: 'DSP-20260000001', body: { dispatchId: 'DSP-20260000001' },
 *   createdAt: '2026-11-27T02:00:00.000Z', nextRelayAt: '2026-11-27T02:02:00.000Z' };
 */
export interface OutboxMessage {
  readonly topic: OutboxTopic;
  /** Unique within its topic; the consumer completes the message by it. */
  readonly id: string;
  /** What the queue message carries, as JSON. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  /** When the relay first re-sends it, unless its consumer completed it by then. */
  readonly nextRelayAt: string;
}

/** Which outbox message: its topic and id. */
export type OutboxRef = Pick<OutboxMessage, 'topic' | 'id'>;

/**
 * One part of a transaction:
 * - `application-saved`: the application as it now is, only if its stored revision is still `expectedRevision`;
 * - `inspection-scheduled`: a new post-issuance review (it must not exist yet);
 * - `dispatch-requested`: a new postal dispatch of a paper copy (one per paper serial: it must not exist yet);
 * - `outbox`: a new outbox message (it must not exist yet);
 * - `log-entry`: a transparency-log entry, pending until the sequencer integrates it, which is also the outbox message
 *   that wakes the sequencer (one item: the log's pending list is the `log` topic's outbox; it must not exist yet);
 * - `webhook-event`: a licence event for webhook subscribers (it must not exist yet) and its `webhooks` outbox message.
 */
export type TransactionPart =
  | { readonly kind: 'application-saved'; readonly application: ApplicationSnapshot; readonly expectedRevision: number }
  | { readonly kind: 'inspection-scheduled'; readonly inspection: InspectionSnapshot }
  | { readonly kind: 'dispatch-requested'; readonly dispatch: Dispatch }
  | { readonly kind: 'outbox'; readonly message: OutboxMessage }
  | { readonly kind: 'log-entry'; readonly pending: PendingLogEntry; readonly message: OutboxMessage }
  | { readonly kind: 'webhook-event'; readonly event: LicenceEvent; readonly message: OutboxMessage };
