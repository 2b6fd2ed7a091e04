import type { ErrorCodeOf } from '../errors';

/**
 * What a content check can find wrong with an uploaded file. Each code names why, so the applicant knows what to fix:
 *
 * - `DOCUMENT_MALFORMED` — the file does not parse as the format its first bytes claim (a PNG signature followed by
 *   HTML, `%PDF-` followed by a ZIP, a truncated image, a bad chunk CRC, a PDF without cross-reference or trailer).
 * - `DOCUMENT_TRAILING_DATA` — a well-formed file with bytes after its end marker (PNG `IEND`, JPEG `EOI`, PDF
 *   `%%EOF`; only whitespace may follow `%%EOF`): the classic way to glue a second file onto an image.
 * - `DOCUMENT_POLYGLOT` — the file is also a ZIP archive (an end-of-central-directory record whose comment runs to
 *   the end of the file), so an archive reader would open something else than the document.
 * - `DOCUMENT_ACTIVE_CONTENT` — a PDF with JavaScript, launch actions, XFA forms, rich media or form-submission
 *   actions.
 * - `DOCUMENT_EMBEDDED_FILE` — a PDF that carries embedded files (attachments).
 * - `DOCUMENT_ENCRYPTED` — an encrypted PDF, which cannot be inspected.
 *
 * @example
 * const problem: ContentProblem = { code: 'DOCUMENT_TRAILING_DATA', message: '41 bytes follow the PNG IEND chunk' };
 */
export const CONTENT_PROBLEM_CODES = [
  'DOCUMENT_MALFORMED',
  'DOCUMENT_TRAILING_DATA',
  'DOCUMENT_POLYGLOT',
  'DOCUMENT_ACTIVE_CONTENT',
  'DOCUMENT_EMBEDDED_FILE',
  'DOCUMENT_ENCRYPTED',
] as const satisfies readonly ErrorCodeOf<'unprocessable'>[];

/**
 * One content problem code.
 *
 * @example
 * const code: ContentProblemCode = 'DOCUMENT_MALFORMED';
 */
export type ContentProblemCode = (typeof CONTENT_PROBLEM_CODES)[number];

/**
 * A reason to refuse a file by its content.
 *
 * @example
 * malformed('the PNG is cut off in chunk 3');
 */
export interface ContentProblem {
  readonly code: ContentProblemCode;
  readonly message: string;
}

/**
 * A `DOCUMENT_MALFORMED` problem.
 *
 * @example
 * return malformed('the first PNG chunk must be IHDR');
 */
export const malformed = (message: string): ContentProblem => ({ code: 'DOCUMENT_MALFORMED', message });

/**
 * A `DOCUMENT_TRAILING_DATA` problem: `count` bytes after the format's end marker.
 *
 * @example
 * return trailingData(41, 'the PNG IEND chunk');
 */
export const trailingData = (count: number, after: string): ContentProblem => ({
  code: 'DOCUMENT_TRAILING_DATA',
  message: `${count} byte${count === 1 ? '' : 's'} follow ${after}; nothing may be appended to the file`,
});
