/**
 * The dispatch outbox: the record that says "mail this paper certificate", written **in the same DynamoDB
 * transaction** as the certificate it belongs to (via `issueCertificate`'s `extraWrites`), so a certificate with a
 * paper copy can never exist without its dispatch, nor a dispatch without its certificate. Sending the queue message
 * afterwards is best effort; the relay re-sends whatever is still pending at `nextRelayAt`.
 *
 * Key shapes (see `docs/storage.md`):
 * - item `DISPATCH#{id}` / `#DISPATCH`, `id = DSP-{paperSerial}` → one dispatch per (licence, paper serial)
 * - gsi1 `DISPATCH#PENDING` / `{nextRelayAt}#{id}` — sparse: only pending dispatches, read by the relay
 * - gsi2 `DISPATCHES#ENT#{uscc}` / `{requestedAt}#{id}` — the enterprise's parcels
 * - gsi3 `DISPATCHES#{state}#{yyyy-mm}` / `{requestedAt}#{id}` — staff list by state and month (postage statement)
 */
import { localDateOf } from '../../domain/dates';
import { type DispatchReason, type DispatchState, dispatchIdOf } from '../../domain/dispatch';
import type { PostalAddress } from '../../domain/postal-address';
import type { ExtraWrite } from '../../ports/certificate-repository';

/**
 * How long after the write the relay first looks at a dispatch: the direct send normally delivers well before.
 *
 * @example
 * new Date(at.getTime() + RELAY_GRACE_MS);
 */
export const RELAY_GRACE_MS = 2 * 60_000;

/**
 * Key of a dispatch item.
 *
 * @example
 * dispatchKey('DSP-20260000001'); // { pk: 'DISPATCH#DSP-20260000001', sk: '#DISPATCH' }
 */
export const dispatchKey = (id: string): { pk: string; sk: string } => ({ pk: `DISPATCH#${id}`, sk: '#DISPATCH' });

/** gsi1 partition of pending dispatches (the relay's work list). */
export const PENDING_RELAY_PK = 'DISPATCH#PENDING';

/**
 * Index keys that depend on the state: gsi3 (state × month) always; gsi1 (relay) only while pending.
 *
 * @example
 * stateIndexKeys('pending', '2026-01-05T01:00:00.000Z', 'DSP-20260000001');
 */
export function stateIndexKeys(
  state: DispatchState,
  requestedAt: string,
  id: string,
): { gsi3pk: string; gsi3sk: string } {
  return {
    gsi3pk: stateMonthPk(state, localDateOf(new Date(requestedAt)).slice(0, 7)),
    gsi3sk: `${requestedAt}#${id}`,
  };
}

/**
 * gsi3 partition of one state in one month (Asia/Shanghai).
 *
 * @example
 * stateMonthPk('delivered', '2026-01'); // 'DISPATCHES#delivered#2026-01'
 */
export const stateMonthPk = (state: DispatchState, month: string): string => `DISPATCHES#${state}#${month}`;

/**
 * gsi2 partition of an enterprise's parcels.
 *
 * @example
 * enterpriseDispatchesPk('91420100MA4K2X1R09'); // 'DISPATCHES#ENT#91420100MA4K2X1R09'
 */
export const enterpriseDispatchesPk = (uscc: string): string => `DISPATCHES#ENT#${uscc}`;

/**
 * gsi1 sort key of a pending dispatch: due time first, so the relay reads "everything due by now" with one Query.
 *
 * @example
 * relaySortKey('2026-01-05T01:02:00.000Z', 'DSP-20260000001');
 */
export const relaySortKey = (nextRelayAt: string, id: string): string => `${nextRelayAt}#${id}`;

export interface DispatchRequest {
  /** Printed licence number. */
  readonly licenceNo: string;
  readonly version: number;
  readonly paperSerial: string;
  /** The holder's USCC (its parcels list). */
  readonly uscc: string;
  readonly address: PostalAddress;
  readonly reason: DispatchReason;
  /** Actor id who asked for the copy (officer, enterprise user, system). */
  readonly requestedBy: string;
  readonly at: Date;
}

/**
 * The outbox item(s) for one paper copy, for `issueCertificate`'s `extraWrites` (or any transaction). `mustNotExist`:
 * a second dispatch for the same paper serial cancels the transaction.
 *
 * @example
 * await issueCertificate(deps, {
 *   ...input,
 *   extraWrites: ({ licenceNo, version, paperSerial }) =>
 *     dispatchOutboxWrites({ licenceNo, version, paperSerial, uscc, address, reason: 'issue', requestedBy: actor.id, at }),
 * });
 */
export function dispatchOutboxWrites(request: DispatchRequest): ExtraWrite[] {
  const id = dispatchIdOf(request.paperSerial);
  const requestedAt = request.at.toISOString();
  const nextRelayAt = new Date(request.at.getTime() + RELAY_GRACE_MS).toISOString();
  const item = {
    ...dispatchKey(id),
    type: 'dispatch',
    id,
    licenceNo: request.licenceNo,
    uscc: request.uscc,
    version: request.version,
    paperSerial: request.paperSerial,
    reason: request.reason,
    address: request.address,
    state: 'pending' satisfies DispatchState,
    requestedBy: request.requestedBy,
    requestedAt,
    nextRelayAt,
    relayCount: 0,
    tracking: [],
    updatedAt: requestedAt,
    revision: 0,
    gsi1pk: PENDING_RELAY_PK,
    gsi1sk: relaySortKey(nextRelayAt, id),
    gsi2pk: enterpriseDispatchesPk(request.uscc),
    gsi2sk: `${requestedAt}#${id}`,
    ...stateIndexKeys('pending', requestedAt, id),
  };
  return [{ item, mustNotExist: true }];
}
