/**
 * changeCertificateStatus — suspend, reinstate, revoke or cancel a licence. The one lifecycle path for officers (the
 * status route) and system actors (a failed post-issuance review, the overdue-review job), recorded as such.
 * Concurrent changes cannot overwrite each other: the write is conditioned on the revision read.
 *
 * @example
 * await changeCertificateStatus(deps, { licenceNo, action: 'revoke',
 *   actor: { type: 'system', id: 'post-issuance-review' }, publicReason: '现场审查不合格', legalBasis: '…' });
 */
import { randomUUID } from 'node:crypto';
import { Certificate } from '../domain/certificate';
import type { CertificateSnapshot } from '../domain/certificate-snapshot';
import {
  type Actor,
  allowedActions,
  type ChangeReasons,
  isFinalStatus,
  nextStatus,
  type StatusAction,
  type StatusChange,
} from '../domain/certificate-status';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { IssuedVersion } from '../domain/issued-version';
import type { LicenceNumber } from '../domain/licence-number';
import { type CertificateHead, type CertificateRepository, CommitConflict } from '../ports/certificate-repository';
import type { Clock } from '../ports/clock';
import type { OutboxPublisher } from '../ports/outbox-publisher';
import { notifyCommitted } from './outbox/notify';
import { statusListMessage } from './status-list/publish';
import { logEntryParts, statusLogEntry } from './transparency/log-entries';
import { webhookEventParts } from './webhooks/events';

export interface StatusChangeDeps {
  readonly repository: CertificateRepository;
  readonly clock: Clock;
  /**
   * Publishes the change's messages after the commit — its transparency-log entry, its status-list update and its
   * webhook event — best effort (the relay covers the rest).
   */
  readonly publisher: OutboxPublisher;
}

export interface ChangeStatusInput extends ChangeReasons {
  readonly licenceNo: LicenceNumber;
  readonly action: StatusAction;
  readonly actor: Actor;
  /** The revision the caller saw; when given, a certificate changed since is a 409 rather than a silent re-read. */
  readonly expectedRevision?: number;
}

/**
 * The licence a status change is about, with the actions its stored status allows (the form offers exactly these;
 * the change itself still decides). `CERTIFICATE_NOT_FOUND` for none.
 *
 * @example
 * const { head, allowed } = await statusChangeSubject(deps, licenceNo); // allowed: ['suspend', 'revoke', 'cancel']
 */
export async function statusChangeSubject(
  deps: StatusChangeDeps,
  licenceNo: LicenceNumber,
): Promise<{ head: CertificateHead; allowed: StatusAction[] }> {
  const head = await deps.repository.get(licenceNo);
  if (!head) throw new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${licenceNo}`);
  return { head, allowed: allowedActions(head.certificate.status) };
}

/** The head read and the change worked out by the entity (validated), nothing written. */
async function plan(deps: StatusChangeDeps, input: ChangeStatusInput) {
  const head = await deps.repository.get(input.licenceNo);
  if (!head) throw new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${input.licenceNo}`);
  const current = Certificate.rehydrate(head.certificate);
  if (input.expectedRevision !== undefined && input.expectedRevision !== current.revision) {
    throw new ConflictError('CONCURRENT_MODIFICATION', 'the certificate changed since you read it', {
      expectedRevision: input.expectedRevision,
      revision: current.revision,
    });
  }
  const at = deps.clock.now();
  const next = current.changeStatus(input.action, {
    actor: input.actor,
    at,
    publicReason: input.publicReason,
    legalBasis: input.legalBasis,
    ...(input.internalNotes !== undefined ? { internalNotes: input.internalNotes } : {}),
  });
  return { head, current, next, at };
}

/**
 * What a status change would record, checked as the change itself checks it (the transition from the current
 * status, expiry, the reasons' text), with nothing written: the "are you sure" step shows it before the confirm.
 *
 * @example
 * const { head, change } = await previewStatusChange(deps, { licenceNo, action: 'suspend', actor, … });
 * change.to; // 'suspended'
 */
export async function previewStatusChange(
  deps: StatusChangeDeps,
  input: ChangeStatusInput,
): Promise<{ head: CertificateHead; change: StatusChange }> {
  const { head, next } = await plan(deps, input);
  return { head, change: next.history.at(-1) as StatusChange };
}

export async function changeCertificateStatus(
  deps: StatusChangeDeps,
  input: ChangeStatusInput,
): Promise<CertificateSnapshot> {
  const { current, next, at } = await plan(deps, input);
  const snapshot = next.toSnapshot();
  const logged = statusLogEntry(snapshot);
  const log = logEntryParts(logged.key, logged.entry, at);
  // The status list learns of the change through its own message, its id the change's log key (one per revision).
  const listed = statusListMessage(logged.key, snapshot.licenceNumber, at);
  const webhook = webhookEventParts('licence.status_changed', snapshot, at);
  try {
    await deps.repository.commitStatusChange({
      certificate: snapshot,
      parts: [...log.parts, { kind: 'outbox', message: listed }, ...webhook.parts],
      expectedRevision: current.revision,
      releaseGuard: isFinalStatus(next.status),
      audit: {
        id: randomUUID(),
        at: at.toISOString(),
        licenceNo: snapshot.licenceNumber,
        action: `certificate.${input.action}`,
        actor: input.actor,
        details: {
          from: current.status,
          to: next.status,
          publicReason: input.publicReason,
          legalBasis: input.legalBasis,
          // The record keeps only the latest changes; the audit trail (staff only) keeps each one whole.
          ...(input.internalNotes !== undefined ? { internalNotes: input.internalNotes } : {}),
        },
      },
    });
  } catch (error) {
    if (error instanceof CommitConflict) {
      throw new ConflictError('CONCURRENT_MODIFICATION', 'the certificate was changed concurrently; read it again');
    }
    throw error;
  }
  await notifyCommitted(deps, [log.message, listed, webhook.message]);
  return snapshot;
}

/**
 * The status route's use case: the change, and the version record its answer shows (immutable; the head just written
 * is the certificate, so only the version is read).
 *
 * @example
 * const { certificate, version } = await changeCertificateStatusForView(deps, { licenceNo, action: 'suspend', … });
 */
export async function changeCertificateStatusForView(
  deps: StatusChangeDeps,
  input: ChangeStatusInput,
): Promise<{ certificate: CertificateSnapshot; version: IssuedVersion }> {
  const certificate = await changeCertificateStatus(deps, input);
  const version = await deps.repository.getVersion(input.licenceNo, certificate.version);
  if (!version) throw new NotFoundError('VERSION_NOT_FOUND', `no version ${certificate.version} of ${input.licenceNo}`);
  return { certificate, version };
}

/** Whether a recorded change is the one asked for (same target, reasons and acting person). */
const isSameChange = (change: StatusChange | undefined, input: ChangeStatusInput): boolean =>
  change?.from != null &&
  allowedActions(change.from).includes(input.action) &&
  nextStatus(change.from, input.action) === change.to &&
  change.publicReason === input.publicReason.trim() &&
  change.legalBasis === input.legalBasis.trim() &&
  change.actor.type === input.actor.type &&
  change.actor.id === input.actor.id;

/**
 * A status change confirmed on a page, safe against a double submit: it is made at the revision the person confirmed
 * (`expectedRevision`), and when that revision is gone because this very change was already made — the latest change
 * on the record has the same target, reasons and person — it answers as done (`replayed: true`) instead of changing
 * the certificate twice or refusing. A different change made in between is still `CONCURRENT_MODIFICATION` (409).
 *
 * @example
 * const { replayed } = await changeCertificateStatusOnce(deps, { licenceNo, action: 'suspend', expectedRevision: 3, … });
 */
export async function changeCertificateStatusOnce(
  deps: StatusChangeDeps,
  input: ChangeStatusInput & { readonly expectedRevision: number },
): Promise<{ certificate: CertificateSnapshot; replayed: boolean }> {
  try {
    return { certificate: await changeCertificateStatus(deps, input), replayed: false };
  } catch (error) {
    if (!(error instanceof ConflictError) || error.code !== 'CONCURRENT_MODIFICATION') throw error;
    const head = await deps.repository.get(input.licenceNo);
    if (head && isSameChange(head.certificate.history.at(-1), input)) {
      return { certificate: head.certificate, replayed: true };
    }
    throw error;
  }
}
