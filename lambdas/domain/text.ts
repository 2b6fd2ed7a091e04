/**
 * Free-text fields: the limits API schemas reuse, and the one text policy every free-text field passes — at the first
 * request that brings it in (filing, comments, reasons, file names) and again, as a defence in depth, when a
 * certificate is drawn. Lengths count Unicode code points (a rare CJK character outside the BMP is one character, as
 * a reader counts it).
 *
 * **The printable-text policy** ({@link unprintableCharacters}): after NFC normalisation and trimming, text must not
 * contain
 * - a character of {@link FORBIDDEN_TEXT}: controls (NUL, CR, LF, tab …), format characters (bidi embeddings,
 *   overrides and isolates, zero-width space/joiners U+200B–U+200F, word joiner and invisible operators
 *   U+2060–U+2064, the BOM U+FEFF, the soft hyphen U+00AD), every other default-ignorable code point (variation
 *   selectors U+FE00–U+FE0F and U+E0100–U+E01EF, Hangul fillers, tag characters), line and paragraph separators,
 *   lone surrogates, private-use characters, noncharacters and U+FFFD;
 * - a combining mark left after NFC (the renderer draws one code point at a time without shaping, so a mark would
 *   not sit on its base letter);
 * - a character the certificate fonts cannot draw (the generated table of `certificate-font.ts`).
 *
 * Variation selectors are refused rather than dropped: without shaping the renderer cannot honour them, and silently
 * removing part of a name would print something other than what was filed. White space other than the space
 * (ideographic and no-break spaces) is allowed: the certificate prints every run of white space as one space.
 * Multi-line fields (comments, findings) may contain line feeds; CR LF and CR are stored as LF.
 *
 * Error codes: `TEXT_NOT_PRINTABLE` (an issue names unprintable characters), `FILE_NAME_INVALID` (a path as a file
 * name), else `INVALID_FIELDS`.
 */

import { fontCovers } from './certificate-font';
import { type ErrorCodeOf, type FieldIssue, ValidationError } from './errors';

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
  /** A document's display file name. */
  fileName: 200,
});

/**
 * Characters refused in any text field (see the module doc): invisible, formatting or control characters that can
 * make printed or displayed text read differently from what is stored, and signs of damaged text.
 *
 * @example
 * FORBIDDEN_TEXT.test('a\u202Eb'); // true (bidi override)
 * FORBIDDEN_TEXT.test('a\u200Bb'); // true (zero-width space)
 */
export const FORBIDDEN_TEXT =
  /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\uFFFD]/u;

/** The stable code of every unprintable-text refusal. @example error.code === TEXT_NOT_PRINTABLE */
export const TEXT_NOT_PRINTABLE = 'TEXT_NOT_PRINTABLE' satisfies ErrorCodeOf<'invalid'>;
/** The code of a file name that is a path (contains `/` or `\\`). @example error.code === FILE_NAME_INVALID */
export const FILE_NAME_INVALID = 'FILE_NAME_INVALID' satisfies ErrorCodeOf<'invalid'>;

const MARK = /\p{M}/u;
const WHITE_SPACE = /\s/u;

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
 * The distinct characters of `text` that the printable-text policy refuses, in order of first appearance. Line
 * feeds are allowed when `multiline` is set. `text` is taken as given (callers NFC-normalise first).
 *
 * @example
 * unprintableCharacters('武汉\u200B钢铁😀'); // ['\u200B', '😀']
 * unprintableCharacters('堃猇𣲗'); // [] (rare characters the font has)
 */
export function unprintableCharacters(text: string, options: { readonly multiline?: boolean } = {}): string[] {
  const bad = new Set<string>();
  for (const ch of text) {
    if (ch === '\n' && options.multiline) continue;
    if (FORBIDDEN_TEXT.test(ch) || MARK.test(ch)) bad.add(ch);
    else if (!WHITE_SPACE.test(ch) && !fontCovers(ch.codePointAt(0) as number)) bad.add(ch);
  }
  return [...bad];
}

/**
 * A character as error messages name it: `U+XXXX`, followed by the character itself when it is visible (not a
 * control, format, invisible or combining character).
 *
 * @example
 * describeCharacter('\u200B'); // 'U+200B'
 * describeCharacter('😀'); // 'U+1F600 😀'
 */
export function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return FORBIDDEN_TEXT.test(ch) || MARK.test(ch) || WHITE_SPACE.test(ch) ? code : `${code} ${ch}`;
}

/**
 * The message for a field with unprintable characters, naming each.
 *
 * @example
 * unprintableMessage(['\u200B']); // 'contains characters the certificate cannot print: U+200B'
 */
export function unprintableMessage(characters: readonly string[]): string {
  return `contains characters the certificate cannot print: ${characters.map(describeCharacter).join(', ')}`;
}

/** Issues that carry their own error code (unprintable text, file names), so {@link throwIfIssues} answers with it. */
const issueCodes = new WeakMap<FieldIssue, ErrorCodeOf<'invalid'>>();

/**
 * Record that `field` contains unprintable characters (an issue {@link throwIfIssues} reports as
 * `TEXT_NOT_PRINTABLE`).
 *
 * @example
 * pushUnprintable(issues, 'fileName', ['/']);
 */
export function pushUnprintable(issues: FieldIssue[], field: string, characters: readonly string[]): void {
  const issue: FieldIssue = { field, message: unprintableMessage(characters) };
  issueCodes.set(issue, TEXT_NOT_PRINTABLE);
  issues.push(issue);
}

/**
 * Clean one text field: NFC-normalise, trim (ideographic spaces too), refuse unprintable characters (the policy of
 * the module doc), empty required values and over-long values. Problems are pushed onto `issues` (so a caller
 * reports every field at once) and `undefined` is returned.
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
  options: { readonly required?: boolean; readonly multiline?: boolean } = {},
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
  let text = value.normalize('NFC');
  if (options.multiline) text = text.replace(/\r\n?/g, '\n');
  text = text.trim();
  const bad = unprintableCharacters(text, options);
  if (bad.length > 0) {
    pushUnprintable(issues, field, bad);
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
 * Clean a document's file name: display text only. The text policy, plus no path separators (`/`, `\`), and at
 * most {@link TEXT_LIMITS.fileName} characters.
 *
 * @example
 * const issues: FieldIssue[] = [];
 * cleanFileName('检测报告.pdf', 'fileName', issues); // '检测报告.pdf'
 * cleanFileName('../etc/passwd', 'fileName', issues); // undefined; names U+002F /
 */
export function cleanFileName(value: unknown, field: string, issues: FieldIssue[]): string | undefined {
  const before = issues.length;
  const name = cleanText(value, field, TEXT_LIMITS.fileName, issues);
  if (name === undefined || issues.length > before) return undefined;
  const separators = [...new Set([...name].filter((ch) => ch === '/' || ch === '\\'))];
  if (separators.length > 0) {
    const issue: FieldIssue = {
      field,
      message: `is a file name, not a path: ${separators.map(describeCharacter).join(', ')} not allowed`,
    };
    issueCodes.set(issue, FILE_NAME_INVALID);
    issues.push(issue);
    return undefined;
  }
  return name;
}

/**
 * The error code of a collected issue, when it carries one (`TEXT_NOT_PRINTABLE`, `FILE_NAME_INVALID`).
 *
 * @example
 * issueCode(issues[0]); // 'TEXT_NOT_PRINTABLE'
 */
export function issueCode(issue: FieldIssue): ErrorCodeOf<'invalid'> | undefined {
  return issueCodes.get(issue);
}

/**
 * Throw `ValidationError` when any issue was collected, with the code of the first issue that carries one
 * (`TEXT_NOT_PRINTABLE` for unprintable characters, `FILE_NAME_INVALID`), else `code` (default `INVALID_FIELDS`).
 *
 * @example
 * throwIfIssues(issues, 'INVALID_FIELDS');
 */
export function throwIfIssues(issues: readonly FieldIssue[], code: ErrorCodeOf<'invalid'> = 'INVALID_FIELDS'): void {
  if (issues.length === 0) return;
  const fields = [...new Set(issues.map((i) => i.field))].join(', ');
  const own = issues.map(issueCode).find((c) => c !== undefined);
  throw new ValidationError(own ?? code, `invalid ${fields}`, issues);
}
