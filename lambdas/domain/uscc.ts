/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character alphabet
 * (digits and upper-case letters without I, O, S, V, Z).
 *
 * | positions | meaning |
 * |---|---|
 * | 1 | registration authority (登记管理部门代码), e.g. `9` market regulation |
 * | 2 | organisation type (机构类别代码), e.g. `1` enterprise |
 * | 3–8 | administrative division (登记管理机关行政区划码, GB/T 2260), six digits |
 * | 9–17 | organisation code (主体标识码, GB 11714), its own check character last |
 * | 18 | check character over positions 1–17 |
 *
 * **What {@link parseUscc} validates:** length, alphabet, digits in positions 3–8, and the position-18 check
 * character. It does not restrict positions 1–2 to today's code lists (new registration authorities have been added
 * over time) and it does not enforce the GB 11714 check at position 17 (offered separately by
 * {@link hasValidOrganisationCode}), because a wrongly refused real enterprise costs more than a typo the
 * position-18 check already catches.
 *
 * Input is NFKC-normalised (full-width digits and letters, as a Chinese IME types them, become ASCII), trimmed and
 * upper-cased: the alphabet has no letters whose lower case is ambiguous, and people type codes in lower case.
 *
 * Error codes: `USCC_LENGTH`, `USCC_CHARACTER`, `USCC_CHECK_CHARACTER`.
 */
import { ValidationError } from './errors';

declare const usccBrand: unique symbol;

/**
 * A validated unified social credit code, upper case.
 *
 * @example
 * const uscc: Uscc = parseUscc('91350100M000100Y43');
 */
export type Uscc = string & { readonly [usccBrand]: true };

/**
 * The 31 characters of GB 32100-2015, in value order (`0` = 0 … `Y` = 30).
 *
 * @example
 * USCC_ALPHABET.indexOf('Y'); // 30
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Check-character weights for positions 1–17: 3^(i−1) mod 31.
 *
 * @example
 * USCC_WEIGHTS[16]; // 28
 */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const VALUE = new Map([...USCC_ALPHABET].map((c, i) => [c, i] as const));

/**
 * The check character for the first 17 characters of a code. Throws `USCC_CHARACTER` / `USCC_LENGTH` for bad input.
 *
 * @example
 * usccCheckCharacter('91350100M000100Y4'); // '3'
 */
export function usccCheckCharacter(first17: string, field = 'uscc'): string {
  const body = first17.normalize('NFKC').toUpperCase();
  if (body.length !== 17) {
    throw new ValidationError('USCC_LENGTH', 'need the first 17 characters of a unified social credit code', [
      { field, message: `got ${body.length} characters` },
    ]);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += charValue(body, i, field) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? '0';
}

function charValue(code: string, index: number, field: string): number {
  const char = code[index] ?? '';
  const value = VALUE.get(char);
  if (value === undefined) {
    throw new ValidationError('USCC_CHARACTER', `unified social credit code has an invalid character`, [
      {
        field,
        message: `position ${index + 1} is "${char}"; allowed are digits and letters other than I, O, S, V, Z`,
      },
    ]);
  }
  return value;
}

/**
 * A code as typed, in the form {@link parseUscc} checks — NFKC (the full-width digits and letters of a Chinese IME
 * become ASCII), trimmed, upper-cased — without checking it. Code that compares or stores a USCC goes through
 * {@link parseUscc}; this is for a tool that checks only the shape (the local identity provider's tokens).
 *
 * @example
 * normaliseUscc(' ９１３５０１００m000100y43 '); // '91350100M000100Y43'
 */
export function normaliseUscc(input: string): string {
  return String(input).normalize('NFKC').trim().toUpperCase();
}

/**
 * Validate a unified social credit code; returns it trimmed and upper-cased. Throws `ValidationError` with code
 * `USCC_LENGTH`, `USCC_CHARACTER` (naming the position) or `USCC_CHECK_CHARACTER` (naming the expected character).
 *
 * @example
 * parseUscc(' 91350100m000100y43 '); // '91350100M000100Y43'
 * parseUscc('９１３５０１００Ｍ０００１００Ｙ４３'); // '91350100M000100Y43'
 */
export function parseUscc(input: string, field = 'uscc'): Uscc {
  const code = normaliseUscc(input);
  if (code.length !== 18) {
    throw new ValidationError('USCC_LENGTH', 'a unified social credit code has 18 characters', [
      { field, message: `got ${code.length} characters` },
    ]);
  }
  for (let i = 0; i < 18; i += 1) charValue(code, i, field);
  for (let i = 2; i < 8; i += 1) {
    const char = code[i] ?? '';
    if (char < '0' || char > '9') {
      throw new ValidationError('USCC_CHARACTER', 'unified social credit code has an invalid character', [
        { field, message: `position ${i + 1} is "${char}"; positions 3–8 (administrative division) are digits` },
      ]);
    }
  }
  const expected = usccCheckCharacter(code.slice(0, 17), field);
  if (code[17] !== expected) {
    throw new ValidationError('USCC_CHECK_CHARACTER', 'unified social credit code check character does not match', [
      { field, message: `check character is "${code[17]}", expected "${expected}"` },
    ]);
  }
  return code as Uscc;
}

/**
 * Whether a string is a valid unified social credit code (as {@link parseUscc} judges it).
 *
 * @example
 * isUscc('91350100M000100Y44'); // false (check character)
 */
export function isUscc(input: string): boolean {
  try {
    parseUscc(input);
    return true;
  } catch {
    return false;
  }
}

/**
 * Complete 17 characters with their check character: a valid code for tests and fixtures.
 *
 * @example
 * usccWithCheck('91420100MA4K00001'); // '91420100MA4K00001' + check character
 */
export function usccWithCheck(first17: string): Uscc {
  return parseUscc(first17.toUpperCase() + usccCheckCharacter(first17));
}

/**
 * The parts of a code, for display and for routing by administrative division.
 *
 * @example
 * usccParts(parseUscc('91350100M000100Y43')).divisionCode; // '350100'
 */
export function usccParts(uscc: Uscc): {
  readonly registrationAuthority: string;
  readonly organisationType: string;
  readonly divisionCode: string;
  readonly organisationCode: string;
  readonly checkCharacter: string;
} {
  return {
    registrationAuthority: uscc.slice(0, 1),
    organisationType: uscc.slice(1, 2),
    divisionCode: uscc.slice(2, 8),
    organisationCode: uscc.slice(8, 17),
    checkCharacter: uscc.slice(17),
  };
}

const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Whether positions 9–17 satisfy the GB 11714-1997 organisation-code check (weights 3 7 9 10 5 8 4 2 over values
 * 0–9, A=10 … Z=35; check = 11 − Σ mod 11, with 10 → `X` and 11 → `0`). Informational only: not enforced by
 * {@link parseUscc}.
 *
 * @example
 * hasValidOrganisationCode(parseUscc('91350100M000100Y43')); // true
 */
export function hasValidOrganisationCode(uscc: Uscc): boolean {
  const code = uscc.slice(8, 17);
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number.parseInt(code[i] ?? '', 36) * (GB11714_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  const expected = check === 10 ? 'X' : check === 11 ? '0' : String(check);
  return code[8] === expected;
}
