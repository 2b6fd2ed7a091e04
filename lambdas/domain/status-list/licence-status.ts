/**
 * Permit's licence statuses as Token Status List values (2 bits an entry), following the draft's Status Types
 * registry:
 *
 * | value | registry name            | Permit status | meaning                                   |
 * |-------|--------------------------|---------------|-------------------------------------------|
 * | 0x00  | VALID                    | `valid`       | in force                                  |
 * | 0x01  | INVALID                  | `revoked`     | revoked by the authority (吊销), final     |
 * | 0x02  | SUSPENDED                | `suspended`   | suspended, may be reinstated              |
 * | 0x03  | application-specific     | `cancelled`   | cancelled (注销, e.g. the holder gave it up), final |
 *
 * Expiry is NOT a status: a licence past its last day of validity stays `valid` (0) in the list, and a reader
 * computes "expired" from the certificate's validity dates, as the draft's processing rules say (the referenced
 * token's own validity precedes its status).
 */
import type { CertificateStatus } from '../certificate-status';
import { ValidationError } from '../errors';

/**
 * The list value of each stored status.
 *
 * @example
 * LICENCE_STATUS_VALUES.suspended; // 2
 */
export const LICENCE_STATUS_VALUES: { readonly [S in CertificateStatus]: 0 | 1 | 2 | 3 } = Object.freeze({
  valid: 0,
  revoked: 1,
  suspended: 2,
  cancelled: 3,
});

const BY_VALUE: readonly CertificateStatus[] = ['valid', 'revoked', 'suspended', 'cancelled'];

/**
 * The list value of a licence's stored status.
 *
 * @example
 * statusValueOf('revoked'); // 1
 */
export function statusValueOf(status: CertificateStatus): 0 | 1 | 2 | 3 {
  const value = LICENCE_STATUS_VALUES[status];
  if (value === undefined) {
    const message = `"${String(status)}" is not a stored licence status`;
    throw new ValidationError('STATUS_LIST_ENTRY_INVALID', message, [{ field: 'status', message }]);
  }
  return value;
}

/**
 * The licence status a list value stands for (a 2-bit value is always one of the four).
 *
 * @example
 * licenceStatusOf(list.get(4711)); // 'valid' | 'revoked' | 'suspended' | 'cancelled'
 */
export function licenceStatusOf(value: number): CertificateStatus {
  const status = BY_VALUE[value];
  if (status === undefined) {
    const message = `status value ${value} is not one of Permit's (0..3)`;
    throw new ValidationError('STATUS_LIST_MALFORMED', message, [{ field: 'status', message }]);
  }
  return status;
}
