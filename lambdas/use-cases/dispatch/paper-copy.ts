/**
 * A paper copy to mail, as transaction parts: the dispatch record and its outbox message, written **in the same
 * transaction** as the certificate (`issueCertificate`) or the reprint (`reissuePaper`) it belongs to, so a
 * certificate with a paper copy can never exist without its dispatch, nor a dispatch without its certificate. The
 * message is published after the commit; the relay re-sends it until the dispatch worker completes it.
 *
 * @example
 * const copy = paperCopyParts({ licenceNo, version, paperSerial, uscc, address, reason: 'issue',
 *   requestedBy: actor.id, at: at.toISOString() });
 * await repository.commitIssuance({ …, parts: [...copy.parts, ...callerParts] });
 * await notifyCommitted(deps, [copy.message]);
 */
import { type DispatchRequest, dispatchIdOf, requestDispatch } from '../../domain/dispatch';
import type { OutboxMessage, TransactionPart } from '../../ports/transaction-parts';
import { outboxMessage } from '../outbox/message';

/**
 * The dispatch worker's message: the dispatch id only (no personal data in the queue), which is also the message id.
 *
 * @example
 * dispatchMessage('DSP-20260000001', at).body; // { dispatchId: 'DSP-20260000001' }
 */
export function dispatchMessage(dispatchId: string, at: Date): OutboxMessage {
  return outboxMessage('dispatch', dispatchId, { dispatchId }, at);
}

export function paperCopyParts(request: DispatchRequest): {
  readonly parts: readonly TransactionPart[];
  readonly message: OutboxMessage;
} {
  const dispatch = requestDispatch(request);
  const message = dispatchMessage(dispatchIdOf(request.paperSerial), new Date(request.at));
  return {
    parts: [
      { kind: 'dispatch-requested', dispatch },
      { kind: 'outbox', message },
    ],
    message,
  };
}
