/**
 * Free-text fields: the limits API schemas reuse, and the one cleaning rule every text field of a certificate passes.
 * Lengths count Unicode code points (a rare CJK character outside the BMP is one character, as a reader counts it).
 *
 * Error code (raised by callers collecting issues): `INVALID_FIELDS`.
 */
import { type FieldIssue, ValidationError } from './errors';

/**
 * Maximum lengths in characters (code points). Frozen; API schemas import these so the two can never disagree.
 *
 * @example
 * z.string().max(TEXT_LIMITS.enterpriseName);
 */
export const TEXT_LIMITS = Object.freeze({
  enterpriseName: 100,
  domicile: 200,
  productionAddress: 200,
  /** Number of production addresses on one certificate. */
  productionAddresses: 20,
  issuingAuthority: 100,
  publicReason: 500,
  internalNotes: 2000,
  legalBasis: 300,
  actorId: 128,
  actorRole: 64,
});

/**
 * Characters refused in any text field: C0/C1 controls (tab and newline included), line/paragraph separators, bidi
 * embedding/override/isolate controls (they can make printed text read differently from what is stored), the BOM,
 * and U+FFFD (a sign of text already damaged by a bad decoding).
 *
 * @example
 * FORBIDDEN_TEXT.test('a\u202Eb'); // true
 */
export const FORBIDDEN_TEXT = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF\uFFFD]/u;

/**
 * Number of characters as a reader counts them (code points).
 *
 * @example
 * textLength('𠀀'); // 1 (one character, two UTF-16 units)
 */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/**
 * Clean one text field: NFC-normalise, trim (ideographic spaces too), refuse forbidden characters, empty required
 * values and over-long values. Problems are pushed onto `issues` (so a caller reports every field at once) and
 * `undefined` is returned.
 *
 * @example
 * const issues: FieldIssue[] = [];
 * const name = cleanText(input.name, 'enterprise.name', TEXT_LIMITS.enterpriseName, issues);
 * throwIfIssues(issues);
 */
export function cleanText(
  value: unknown,
  field: string,
  max: number,
  issues: FieldIssue[],
  options: { readonly required?: boolean } = {},
): string | undefined {
  const required = options.required ?? true;
  if (value === undefined || value === null) {
    if (required) issues.push({ field, message: 'is required' });
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.push({ field, message: 'must be text' });
    return undefined;
  }
  const text = value.normalize('NFC').trim();
  if (FORBIDDEN_TEXT.test(text)) {
    issues.push({ field, message: 'contains control or invisible formatting characters' });
    return undefined;
  }
  if (text === '') {
    if (required) issues.push({ field, message: 'must not be empty' });
    return undefined;
  }
  const length = textLength(text);
  if (length > max) {
    issues.push({ field, message: `is ${length} characters long; at most ${max} are allowed` });
    return undefined;
  }
  return text;
}

/**
 * Throw `ValidationError` (`INVALID_FIELDS` unless another code is given) when any issue was collected.
 *
 * @example
 * throwIfIssues(issues, 'INVALID_FIELDS');
 */
export function throwIfIssues(issues: readonly FieldIssue[], code = 'INVALID_FIELDS'): void {
  if (issues.length === 0) return;
  const fields = [...new Set(issues.map((i) => i.field))].join(', ');
  throw new ValidationError(code, `invalid ${fields}`, issues);
}
