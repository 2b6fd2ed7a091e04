/**
 * The signing keys as an admin sees and manages them (签名密钥): the key ring's keys with their periods, and marking
 * one compromised from a time — after which every verification of what it signed from that time on fails (what it
 * signed before stays valid). The mark is audited (who, when, which key, from when, and any key rotated to).
 *
 * Where new keys come from is the ring's: locally the key store rotates a compromised current key; in the cloud a
 * new KMS key comes from the infrastructure, so the current key cannot be marked until one is configured
 * (`KEY_IS_CURRENT`). Error codes: `KEY_NOT_FOUND` (404), `KEY_IS_CURRENT` (409), `COMPROMISE_TIME_INVALID` (400).
 *
 * @example
 * const { keys } = await listSigningKeys(deps);
 * await markKeyCompromised(deps, { kid, at: new Date('2026-10-01T00:00:00+08:00'), actor: { id: 'admin-1', role: 'admin' } });
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../domain/errors';
import type { KeyRecord } from '../domain/signing/keys';
import type { AdminAuditEntry, AdminAuditLog } from '../ports/admin-audit-log';
import type { Clock } from '../ports/clock';
import type { KeyRing } from '../ports/key-ring';

export interface SigningKeyDeps {
  readonly ring: KeyRing;
  readonly audit: AdminAuditLog;
  readonly clock: Clock;
}

/** One key as the admin page shows it: times as ISO instants. */
export interface SigningKeyView {
  readonly kid: string;
  readonly status: KeyRecord['status'];
  readonly signedFrom: string;
  readonly signedUntil?: string;
  readonly compromisedFrom?: string;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/**
 * A key record with its NumericDate times as ISO instants.
 *
 * @example
 * signingKeyView({ kid, jwk, status: 'current', signedFrom: 1790000000 }).signedFrom; // '2026-09-21T…Z'
 */
export const signingKeyView = (r: KeyRecord): SigningKeyView => ({
  kid: r.kid,
  status: r.status,
  signedFrom: iso(r.signedFrom),
  ...(r.signedUntil !== undefined ? { signedUntil: iso(r.signedUntil) } : {}),
  ...(r.compromisedAt !== undefined ? { compromisedFrom: iso(r.compromisedAt) } : {}),
});

/**
 * The ring's keys, newest first, where new keys come from, and the latest administrative actions.
 *
 * @example
 * (await listSigningKeys(deps)).keys[0]?.status; // 'current'
 */
export async function listSigningKeys(deps: SigningKeyDeps): Promise<{
  keys: SigningKeyView[];
  newKeysFrom: KeyRing['newKeysFrom'];
  recent: readonly AdminAuditEntry[];
}> {
  const records = await deps.ring.keyRecords();
  return {
    keys: [...records].reverse().map(signingKeyView),
    newKeysFrom: deps.ring.newKeysFrom,
    // The keys page lists the marks only (the log also holds other administration, e.g. webhook subscriptions).
    recent: (await deps.audit.recent(50)).filter((e) => e.action === 'signing-key-compromised').slice(0, 10),
  };
}

/**
 * One key, or `KEY_NOT_FOUND` (the "are you sure" page names it).
 *
 * @example
 * await signingKey(deps, kid); // { kid, status: 'retired', … }
 */
export async function signingKey(
  deps: Pick<SigningKeyDeps, 'ring'>,
  kid: string,
): Promise<SigningKeyView & { readonly newKeysFrom: KeyRing['newKeysFrom'] }> {
  const record = (await deps.ring.keyRecords()).find((r) => r.kid === kid);
  if (!record) throw new NotFoundError('KEY_NOT_FOUND', `no key ${kid}`);
  return { ...signingKeyView(record), newKeysFrom: deps.ring.newKeysFrom };
}

/**
 * Mark a key compromised from `at`, then audit it. The ring judges (see the module's description).
 *
 * @example
 * await markKeyCompromised(deps, { kid, at, actor: { id: 'admin-1', role: 'admin' } }); // { key, rotatedTo? }
 */
export async function markKeyCompromised(
  deps: SigningKeyDeps,
  input: { readonly kid: string; readonly at: Date; readonly actor: { readonly id: string; readonly role: string } },
): Promise<{ key: SigningKeyView; rotatedTo?: SigningKeyView }> {
  const now = deps.clock.now();
  const { rotatedTo } = await deps.ring.markCompromised(input.kid, input.at, now);
  const key = (await deps.ring.keyRecords()).find((r) => r.kid === input.kid) as KeyRecord;
  await deps.audit.append({
    id: randomUUID(),
    at: now.toISOString(),
    action: 'signing-key-compromised',
    actor: input.actor,
    subject: input.kid,
    details: {
      compromisedFrom: key.compromisedAt !== undefined ? iso(key.compromisedAt) : input.at.toISOString(),
      ...(rotatedTo ? { rotatedTo: rotatedTo.kid } : {}),
    },
  });
  return { key: signingKeyView(key), ...(rotatedTo ? { rotatedTo: signingKeyView(rotatedTo) } : {}) };
}
