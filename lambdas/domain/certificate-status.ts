/**
 * Certificate status and its lifecycle. Stored statuses move only along these transitions:
 *
 * ```
 * valid ──suspend──▶ suspended ──reinstate──▶ valid
 * valid | suspended ──revoke──▶ revoked      (final, 吊销)
 * valid | suspended ──cancel──▶ cancelled    (final, 注销)
 * ```
 *
 * `expired` is never stored: it is derived from the date (today after the last day of validity). Every change is
 * recorded with its actor, time, public reason (shown to verifiers), internal notes and legal basis.
 *
 * Error codes: `ILLEGAL_TRANSITION`, `INVALID_FIELDS`.
 */
import { ConflictError, type FieldIssue } from './errors';
import { cleanText, TEXT_LIMITS, throwIfIssues } from './text';

/**
 * Statuses a certificate stores.
 *
 * @example
 * z.enum(CERTIFICATE_STATUSES);
 */
export const CERTIFICATE_STATUSES = ['valid', 'suspended', 'revoked', 'cancelled'] as const;

/**
 * A stored status.
 *
 * @example
 * const s: CertificateStatus = 'suspended';
 */
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/**
 * A status as a verifier sees it on a given day: the stored one, or `expired`.
 *
 * @example
 * const shown: EffectiveStatus = certificate.effectiveStatus(today(clock));
 */
export type EffectiveStatus = CertificateStatus | 'expired';

/**
 * Actions that change status.
 *
 * @example
 * z.enum(STATUS_ACTIONS); // the body of POST /v1/certificates/{licenceNo}/status
 */
export const STATUS_ACTIONS = ['suspend', 'reinstate', 'revoke', 'cancel'] as const;

/**
 * A status-changing action.
 *
 * @example
 * const action: StatusAction = 'revoke';
 */
export type StatusAction = (typeof STATUS_ACTIONS)[number];

const TRANSITIONS: Readonly<
  Record<StatusAction, { readonly from: readonly CertificateStatus[]; readonly to: CertificateStatus }>
> = {
  suspend: { from: ['valid'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'valid' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked' },
  cancel: { from: ['valid', 'suspended'], to: 'cancelled' },
};

/**
 * Whether a status is final (revoked or cancelled): no transitions, no new versions.
 *
 * @example
 * isFinalStatus('revoked'); // true
 */
export function isFinalStatus(status: CertificateStatus): boolean {
  return status === 'revoked' || status === 'cancelled';
}

/**
 * Actions allowed from a stored status.
 *
 * @example
 * allowedActions('suspended'); // ['reinstate', 'revoke', 'cancel']
 */
export function allowedActions(status: CertificateStatus): StatusAction[] {
  return STATUS_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

/**
 * The status an action leads to; throws `ConflictError` `ILLEGAL_TRANSITION` when not allowed from `status`.
 *
 * @example
 * nextStatus('valid', 'suspend'); // 'suspended'
 */
export function nextStatus(status: CertificateStatus, action: StatusAction): CertificateStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new ConflictError('ILLEGAL_TRANSITION', `cannot ${action} a ${status} certificate`, {
      from: status,
      action,
      allowed: allowedActions(status),
    });
  }
  return transition.to;
}

/**
 * Who acted: a user (with the role they acted in) or the system (a scheduled job, a failed review).
 *
 * @example
 * const actor: Actor = { type: 'system', id: 'inspection-scheduler' };
 */
export interface Actor {
  readonly type: 'user' | 'system';
  readonly id: string;
  readonly role?: string;
}

/**
 * One recorded status change. `from` is `null` for the issuance that created the certificate.
 *
 * @example
 * certificate.history.at(-1); // { from: 'valid', to: 'suspended', actor, at, publicReason, legalBasis }
 */
export interface StatusChange {
  readonly from: CertificateStatus | null;
  readonly to: CertificateStatus;
  readonly actor: Actor;
  /** ISO 8601 instant. */
  readonly at: string;
  /** Shown to anyone who verifies the certificate. */
  readonly publicReason: string;
  /** Staff only. */
  readonly internalNotes?: string;
  readonly legalBasis: string;
}

/**
 * The reasons given for a status change, before validation.
 *
 * @example
 * const reasons: ChangeReasons = { publicReason: '现场审查不合格', legalBasis: '…', internalNotes: '…' };
 */
export interface ChangeReasons {
  readonly publicReason: string;
  readonly legalBasis: string;
  readonly internalNotes?: string;
}

/**
 * Validate an actor (`INVALID_FIELDS`).
 *
 * @example
 * parseActor({ type: 'user', id: 'officer-7', role: 'officer' });
 */
export function parseActor(actor: Actor, field = 'actor'): Actor {
  const issues: FieldIssue[] = [];
  if (actor?.type !== 'user' && actor?.type !== 'system') {
    issues.push({ field: `${field}.type`, message: 'must be "user" or "system"' });
  }
  const id = cleanText(actor?.id, `${field}.id`, TEXT_LIMITS.actorId, issues);
  const role = cleanText(actor?.role, `${field}.role`, TEXT_LIMITS.actorRole, issues, { required: false });
  throwIfIssues(issues);
  return Object.freeze({ type: actor.type, id: id as string, ...(role === undefined ? {} : { role }) });
}

/**
 * Build a validated status-change record (`INVALID_FIELDS` listing every bad field).
 *
 * @example
 * statusChange('valid', 'suspended', actor, new Date(), { publicReason: '…', legalBasis: '…' });
 */
export function statusChange(
  from: CertificateStatus | null,
  to: CertificateStatus,
  actor: Actor,
  at: Date,
  reasons: ChangeReasons,
): StatusChange {
  const validActor = parseActor(actor);
  const issues: FieldIssue[] = [];
  const publicReason = cleanText(reasons?.publicReason, 'publicReason', TEXT_LIMITS.publicReason, issues);
  const legalBasis = cleanText(reasons?.legalBasis, 'legalBasis', TEXT_LIMITS.legalBasis, issues);
  const internalNotes = cleanText(reasons?.internalNotes, 'internalNotes', TEXT_LIMITS.internalNotes, issues, {
    required: false,
  });
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) issues.push({ field: 'at', message: 'must be an instant' });
  throwIfIssues(issues);
  return Object.freeze({
    from,
    to,
    actor: validActor,
    at: at.toISOString(),
    publicReason: publicReason as string,
    ...(internalNotes === undefined ? {} : { internalNotes }),
    legalBasis: legalBasis as string,
  });
}
