/**
 * Pure key-ring transitions used by key stores: rotation and marking a key compromised. Times come from the caller
 * (an injected clock) and are stored as NumericDate seconds.
 */
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { KeyRecord, PublicEcJwk } from './keys';

const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/**
 * Retire the current key (its period ends at `at`) and make `next` the current key from `at` on.
 *
 * @example
 * const records = rotateKeyRecords(ring, { kid, jwk }, clock.now());
 */
export function rotateKeyRecords(
  records: readonly KeyRecord[],
  next: { readonly kid: string; readonly jwk: PublicEcJwk },
  at: Date,
): KeyRecord[] {
  if (records.some((r) => r.kid === next.kid)) throw new ConflictError('KEY_EXISTS', `key ${next.kid} already exists`);
  const t = seconds(at);
  const retired = records.map(
    (r): KeyRecord =>
      r.status === 'current' ? { ...r, status: 'retired', signedUntil: Math.max(t, r.signedFrom) } : r,
  );
  return [...retired, { kid: next.kid, jwk: next.jwk, status: 'current', signedFrom: t }];
}

/**
 * Mark a non-current key compromised from `at` (anything it signed at or after `at` will fail). A current key must
 * be rotated out first so that nothing keeps signing with it. `at` may lie in the past, not in the future.
 *
 * @example
 * const records = compromiseKeyRecord(ring, kid, new Date('2026-10-01T00:00:00+08:00'), clock.now());
 */
export function compromiseKeyRecord(records: readonly KeyRecord[], kid: string, at: Date, now: Date): KeyRecord[] {
  if (Number.isNaN(at.getTime())) throw new ValidationError('COMPROMISE_TIME_INVALID', 'compromise time is not a date');
  if (at.getTime() > now.getTime()) {
    throw new ValidationError('COMPROMISE_TIME_INVALID', 'compromise time lies in the future');
  }
  const target = records.find((r) => r.kid === kid);
  if (!target) throw new NotFoundError('KEY_NOT_FOUND', `no key ${kid}`);
  if (target.status === 'current') {
    throw new ConflictError('KEY_IS_CURRENT', `key ${kid} is current: rotate before marking it compromised`);
  }
  const t = seconds(at);
  // A key already marked compromised keeps the earlier of the two times: a later report cannot re-validate signatures.
  const compromisedAt = target.compromisedAt === undefined ? t : Math.min(t, target.compromisedAt);
  return records.map((r): KeyRecord => (r.kid === kid ? { ...r, status: 'compromised', compromisedAt } : r));
}
