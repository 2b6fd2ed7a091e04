/**
 * fast-check arbitraries for domain values, shared by the domain's property tests.
 *
 * @example
 * fc.assert(fc.property(arbUscc(), (uscc) => isUscc(uscc)));
 */
import fc from 'fast-check';
import { addDays, type LocalDate, parseLocalDate } from '../../lambdas/domain/dates';
import { PROVINCES } from '../../lambdas/domain/province';
import { USCC_ALPHABET, type Uscc, usccWithCheck } from '../../lambdas/domain/uscc';

const alphabetChar = fc.constantFrom(...USCC_ALPHABET);
const digit = fc.constantFrom(...'0123456789');

/** Any 17 characters a valid code may start with (digits in positions 3–8). */
export const arbUsccBody = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.string({ unit: alphabetChar, minLength: 2, maxLength: 2 }),
      fc.string({ unit: digit, minLength: 6, maxLength: 6 }),
      fc.string({ unit: alphabetChar, minLength: 9, maxLength: 9 }),
    )
    .map(([head, division, org]) => head + division + org);

/** A valid unified social credit code. */
export const arbUscc = (): fc.Arbitrary<Uscc> => arbUsccBody().map(usccWithCheck);

/** A calendar date between 1990 and 2090. */
export const arbLocalDate = (): fc.Arbitrary<LocalDate> =>
  fc.integer({ min: 0, max: 36_524 }).map((n) => addDays(parseLocalDate('1990-01-01'), n));

/** Licence number parts. */
export const arbLicenceParts = () =>
  fc.record({
    province: fc.constantFrom(...PROVINCES.map((p) => p.abbr)),
    categoryCode: fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(2, '0')),
    productCode: fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0')),
    serial: fc.integer({ min: 1, max: 99_999 }),
  });
