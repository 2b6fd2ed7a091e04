/**
 * Port: the audit trail of administration (系统管理审计) — actions on no one licence, such as marking a signing key
 * compromised. Never rewritten. Adapter: `lambdas/adapters/dynamo/admin-audit-log.ts`.
 */

/**
 * One administrative action: who, when, what, on what.
 *
 * @example
 * const entry: AdminAuditEntry = { id, at, action: 'signing-key-compromised', actor, subject: kid, details: { from } };
 */
export interface AdminAuditEntry {
  readonly id: string;
  readonly at: string;
  readonly action:
    | 'signing-key-compromised'
    | 'webhook-subscription-registered'
    | 'webhook-secret-rotated'
    | 'webhook-subscription-enabled'
    | 'webhook-subscription-disabled';
  readonly actor: { readonly id: string; readonly role: string };
  /** What it was done to (a key id, a webhook subscription id). */
  readonly subject: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Append and read back administrative actions.
 *
 * @example
 * await log.append(entry);
 * (await log.recent(20))[0]?.action; // 'signing-key-compromised'
 */
export interface AdminAuditLog {
  append(entry: AdminAuditEntry): Promise<void>;
  /** The newest `limit` entries, newest first. */
  recent(limit: number): Promise<readonly AdminAuditEntry[]>;
}
