/**
 * 候选名录 — the two candidate lists a plan freezes (检查对象名录库 enterprises, 执法检查人员名录库 inspectors), in
 * canonical form and order, and their SHA-256 digests (`docs/supervision-draw.md` §3). Freezing publishes the digests;
 * the draw's record carries the lists, so anyone can recompute both.
 *
 * Canonical means: every set-like field sorted (UTF-16 code-unit order, which equals byte order for the ASCII codes
 * used here) and without duplicates; enterprises ordered by USCC, inspectors by pseudonymous code; a USCC or a code
 * appearing twice is refused rather than silently merged.
 */

import { concat, list, sha256TaggedList, text, toHex, u32 } from '../encoding';
import { ValidationError } from '../errors';
import { parseUscc, type Uscc, usccParts } from '../uscc';

/**
 * An enterprise in the frozen list: what the draw uses and the public record shows.
 *
 * @example
 * const e: DrawEnterprise = { uscc, licenceNumber: '(鄂)XK13-001-00001', district: '420100', categories: ['13-001'] };
 */
export interface DrawEnterprise {
  readonly uscc: Uscc;
  readonly licenceNumber: string;
  /** GB/T 2260 division code: positions 3–8 of the USCC (derived, never entered). */
  readonly district: string;
  /** Product categories the enterprise is licensed for (sorted, unique). */
  readonly categories: readonly string[];
}

/**
 * An inspector in the frozen list, by pseudonymous code (personal data stays out of the public record).
 *
 * @example
 * const i: DrawInspector = { code: 'INS-0001', unit: '武汉市市场监管局', district: '420100', categories: ['13-001'],
 *   maxChecks: 5, previousPairings: [], recusals: [] };
 */
export interface DrawInspector {
  readonly code: string;
  readonly unit: string;
  /** GB/T 2260 division code, six digits. */
  readonly district: string;
  /** Categories the inspector is qualified for (sorted, unique). */
  readonly categories: readonly string[];
  /** The most checks this inspector may take in one plan (≥ 1). */
  readonly maxChecks: number;
  /** USCCs of enterprises whose previous check this inspector went on (sorted, unique). */
  readonly previousPairings: readonly string[];
  /** USCCs of enterprises this inspector has a recorded recusal for (sorted, unique). */
  readonly recusals: readonly string[];
}

/** An enterprise as a caller hands it in (the district is derived from the USCC). */
export type EnterpriseCandidate = Omit<DrawEnterprise, 'uscc' | 'district'> & { readonly uscc: string };

const sortedUnique = (xs: readonly string[]): string[] => [...new Set(xs)].sort(compareCodeUnits);

/**
 * Plain code-unit order (not locale order: a verifier in another language must sort the same way).
 *
 * @example
 * ['b', 'a'].sort(compareCodeUnits); // ['a', 'b']
 */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function refuseDuplicate(kind: string, keys: readonly string[]): void {
  for (let i = 1; i < keys.length; i += 1) {
    if (keys[i] === keys[i - 1]) {
      throw new ValidationError('SUPERVISION_CANDIDATE_DUPLICATE', `${kind} ${keys[i]} is listed twice`, [
        { field: kind, message: `${keys[i]} appears more than once` },
      ]);
    }
  }
}

/**
 * The enterprise list in canonical form and order. Throws `USCC_*` for a bad code and `SUPERVISION_CANDIDATE_DUPLICATE`
 * for a USCC listed twice.
 *
 * @example
 * canonicalEnterprises([{ uscc: '91420100…', licenceNumber: '(鄂)XK13-001-00001', categories: ['13-001'] }]);
 */
export function canonicalEnterprises(candidates: readonly EnterpriseCandidate[]): DrawEnterprise[] {
  const out = candidates
    .map((c, i): DrawEnterprise => {
      const uscc = parseUscc(c.uscc, `enterprises.${i}.uscc`);
      return {
        uscc,
        licenceNumber: c.licenceNumber,
        district: usccParts(uscc).divisionCode,
        categories: sortedUnique(c.categories),
      };
    })
    .sort((a, b) => compareCodeUnits(a.uscc, b.uscc));
  refuseDuplicate(
    'enterprises',
    out.map((e) => e.uscc),
  );
  return out;
}

/**
 * The inspector list in canonical form and order. Throws `INVALID_FIELDS` for a district that is not six digits or a
 * maximum below 1, and `SUPERVISION_CANDIDATE_DUPLICATE` for a code listed twice.
 *
 * @example
 * canonicalInspectors([{ code: 'INS-0001', unit: 'U', district: '420100', categories: ['13-001'], maxChecks: 5,
 *   previousPairings: [], recusals: [] }]);
 */
export function canonicalInspectors(candidates: readonly DrawInspector[]): DrawInspector[] {
  const out = candidates
    .map((c, i): DrawInspector => {
      if (!/^\d{6}$/.test(c.district)) {
        throw new ValidationError('INVALID_FIELDS', 'an inspector’s district is a six-digit GB/T 2260 code', [
          { field: `inspectors.${i}.district`, message: `got "${c.district}"` },
        ]);
      }
      if (!Number.isInteger(c.maxChecks) || c.maxChecks < 1 || c.maxChecks > 0xffff) {
        throw new ValidationError('INVALID_FIELDS', 'an inspector’s per-plan maximum is a whole number from 1', [
          { field: `inspectors.${i}.maxChecks`, message: `got ${c.maxChecks}` },
        ]);
      }
      return {
        code: c.code,
        unit: c.unit,
        district: c.district,
        categories: sortedUnique(c.categories),
        maxChecks: c.maxChecks,
        previousPairings: sortedUnique(c.previousPairings),
        recusals: sortedUnique(c.recusals),
      };
    })
    .sort((a, b) => compareCodeUnits(a.code, b.code));
  refuseDuplicate(
    'inspectors',
    out.map((i) => i.code),
  );
  return out;
}

/** Domain-separation tags: a digest of one list can never be mistaken for the other's or for a seed. */
export const ENTERPRISES_TAG = 'permit/supervision-draw/v1/enterprises';
export const INSPECTORS_TAG = 'permit/supervision-draw/v1/inspectors';

const encodeEnterprise = (e: DrawEnterprise): Uint8Array =>
  concat(text(e.uscc), text(e.licenceNumber), text(e.district), list(e.categories, text));

const encodeInspector = (i: DrawInspector): Uint8Array =>
  concat(
    text(i.code),
    text(i.unit),
    text(i.district),
    list(i.categories, text),
    u32(i.maxChecks),
    list(i.previousPairings, text),
    list(i.recusals, text),
  );

/**
 * SHA-256 (hex) of the canonical enterprise list: `SHA-256(text(ENTERPRISES_TAG) ‖ list(enterprises))`.
 *
 * @example
 * enterpriseListDigest(canonicalEnterprises(candidates)); // 64 hex characters
 */
export const enterpriseListDigest = (enterprises: readonly DrawEnterprise[]): string =>
  toHex(sha256TaggedList(ENTERPRISES_TAG, enterprises, encodeEnterprise));

/**
 * SHA-256 (hex) of the canonical inspector list: `SHA-256(text(INSPECTORS_TAG) ‖ list(inspectors))`.
 *
 * @example
 * inspectorListDigest(canonicalInspectors(inspectors)); // 64 hex characters
 */
export const inspectorListDigest = (inspectors: readonly DrawInspector[]): string =>
  toHex(sha256TaggedList(INSPECTORS_TAG, inspectors, encodeInspector));
