/**
 * An audit event: who did what to which licence, when.
 */

import type { Actor } from './certificate-status';
import type { LicenceNumber } from './licence-number';

/** An audit event: who did what to which licence, when. */
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly licenceNo: LicenceNumber;
  readonly action: string;
  readonly actor: Actor;
  readonly details?: Readonly<Record<string, unknown>>;
}
