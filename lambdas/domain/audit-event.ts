/**
 * An audit event: who did what to which licence, when.
 */

import type { Actor } from './certificate-status';

/** An audit event: who did what to which licence, when. */
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly licenceNo: string;
  readonly action: string;
  readonly actor: Actor;
  readonly details?: Readonly<Record<string, unknown>>;
}
