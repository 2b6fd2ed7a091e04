/**
 * One licence read from a downloaded status list, for a verifier offline (`npm run verify -- --status-list …`): the
 * list is verified against the key set first, then the entry at the licence's index is read and named. Pure: no
 * network, no file system.
 *
 * Expiry is not in the list (a licence past its validity stays `valid`), so the answer says only what the list says;
 * a reader checks the certificate's validity dates for expiry.
 *
 * Error codes: those of {@link verifyStatusListToken} and `STATUS_LIST_INDEX_OUT_OF_RANGE`.
 */
import type { CertificateStatus } from '../certificate-status';
import type { KeySet } from '../signing/key-set';
import { licenceStatusOf } from './licence-status';
import { type StatusListVerifyOptions, type VerifiedStatusList, verifyStatusListToken } from './status-list-token';

/**
 * What a verified list says of one licence.
 *
 * @example
 * const read: LicenceInList = await readLicenceInList(jwt, keySet, 4711);
 * read.status; // 'suspended'
 */
export interface LicenceInList {
  /** The licence's index in the list. */
  readonly index: number;
  /** The 2-bit value at that index (0 valid, 1 revoked, 2 suspended, 3 cancelled). */
  readonly value: number;
  /** The stored status the value stands for. */
  readonly status: CertificateStatus;
  /** The list's claims: `sub`, `iat`, and `exp` / `ttl` when present. */
  readonly claims: VerifiedStatusList['claims'];
  /** The kid of the key that signed the list. */
  readonly kid: string;
  /** Entries in the list. */
  readonly size: number;
}

/**
 * The status-list words for each stored status, as a verifier reads them.
 *
 * @example
 * LICENCE_IN_LIST_LABELS.revoked; // { zh: '吊销', en: 'revoked' }
 */
export const LICENCE_IN_LIST_LABELS: {
  readonly [S in CertificateStatus]: { readonly zh: string; readonly en: string };
} = Object.freeze({
  valid: { zh: '有效', en: 'valid' },
  suspended: { zh: '暂扣', en: 'suspended' },
  revoked: { zh: '吊销', en: 'revoked' },
  cancelled: { zh: '注销', en: 'cancelled' },
});

/**
 * Verify a Status List Token against a key set, then read licence `index`. Throws the refusals of
 * {@link verifyStatusListToken} (`STATUS_LIST_MALFORMED`, `STATUS_LIST_KEY_UNKNOWN`, `STATUS_LIST_SIGNATURE_INVALID`,
 * `STATUS_LIST_KEY_REFUSED`, `STATUS_LIST_EXPIRED`, `STATUS_LIST_SUBJECT_MISMATCH`), and `ValidationError`
 * `STATUS_LIST_INDEX_OUT_OF_RANGE` for an index that is not an integer inside the list — always after the signature
 * held, so a forged list is never answered with "out of range".
 *
 * @example
 * const keySet = await KeySet.fromJwks(JSON.parse(readFileSync('jwks.json', 'utf8')));
 * const { status, claims } = await readLicenceInList(readFileSync('list.jwt', 'utf8'), keySet, 4711);
 */
export async function readLicenceInList(
  jwt: string,
  keySet: KeySet,
  index: number,
  opts: StatusListVerifyOptions = {},
): Promise<LicenceInList> {
  const { claims, list, key } = await verifyStatusListToken(jwt, keySet, opts);
  const value = list.get(index);
  return { index, value, status: licenceStatusOf(value), claims, kid: key.kid, size: list.size };
}
