/**
 * PDF inspection with a real parser (pdf-lib), strict where pdf-lib is lenient:
 *
 * - **Structure**: `%PDF-1.x`/`%PDF-2.x` at byte 0; the file ends with `%%EOF` (only whitespace after it);
 *   `startxref` before it points at a cross-reference table (followed by a `trailer` dictionary) or a
 *   cross-reference stream; the trailer's `/Root` is a catalog whose page tree has at least one page. Every byte
 *   between the objects is whitespace or a comment: pdf-lib's recovery (skipping "jibberish" it cannot parse, or
 *   keeping an unparsable object as opaque bytes) is turned into `DOCUMENT_MALFORMED`, because bytes a checker skips
 *   are where another reader finds something else.
 * - **Content**: every indirect object the parser meets is walked — including the objects inside compressed object
 *   streams, and older definitions an incremental update replaced — for names of active content (`/JS`,
 *   `/JavaScript`, `/Launch`, `/XFA`, `/RichMedia`, `/SubmitForm`, `/ImportData`) and embedded files
 *   (`/EmbeddedFile`, `/EmbeddedFiles`, `/EF`, `/FileAttachment`), as keys or values, after `#xx` decoding.
 * - **Encryption**: a trailer (or cross-reference stream) with `/Encrypt` is refused: its strings and streams cannot
 *   be inspected.
 *
 * @example
 * await inspectPdf(bytes); // undefined when acceptable, else { code, message }
 */
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFParser,
  PDFRef,
  PDFStream,
} from 'pdf-lib';
import { type ContentProblem, malformed, trailingData } from './problem';

const ACTIVE = new Set(['JS', 'JavaScript', 'Launch', 'XFA', 'RichMedia', 'SubmitForm', 'ImportData']);
const EMBEDDED = new Set(['EmbeddedFile', 'EmbeddedFiles', 'EF', 'FileAttachment']);
/** PDF white-space except NUL: a run of NULs after `%%EOF` is padding that hides data, not a line end. */
const TRAILING_WHITESPACE = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** A name's value, `#xx` escapes decoded in either case (pdf-lib decodes only upper-case hex; readers decode both). */
const nameOf = (name: PDFName): string =>
  name.decodeText().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** The first active-content or embedded-file name inside `root`, as a problem. */
function scanObject(root: PDFObject, ref: PDFRef): ContentProblem | undefined {
  const stack: PDFObject[] = [root];
  while (stack.length > 0) {
    const object = stack.pop();
    if (object instanceof PDFName) {
      const name = nameOf(object);
      if (ACTIVE.has(name)) {
        return {
          code: 'DOCUMENT_ACTIVE_CONTENT',
          message: `the PDF carries active content (/${name} in object ${ref.objectNumber}); export it again without scripts or actions`,
        };
      }
      if (EMBEDDED.has(name)) {
        return {
          code: 'DOCUMENT_EMBEDDED_FILE',
          message: `the PDF carries embedded files (/${name} in object ${ref.objectNumber}); upload each document on its own`,
        };
      }
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) stack.push(key, value);
    } else if (object instanceof PDFArray) {
      stack.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      stack.push(object.dict);
    }
  }
  return undefined;
}

/** The end of the file without trailing white-space. */
function endWithoutWhitespace(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && TRAILING_WHITESPACE.has(bytes[end - 1] as number)) end--;
  return end;
}

/** Header, end marker, `startxref` and what it points at; undefined when they hold. */
function checkFrame(bytes: Uint8Array): ContentProblem | undefined {
  if (!/^%PDF-[12]\.\d/.test(latin1(bytes.subarray(0, 8)))) return malformed('the file has no PDF header');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endWithoutWhitespace(bytes);
  if (latin1(bytes.subarray(end - 5, end)) !== '%%EOF') {
    const lastEof = buffer.lastIndexOf('%%EOF');
    return lastEof === -1
      ? malformed('the PDF has no %%EOF end marker')
      : trailingData(bytes.length - (lastEof + 5), 'the PDF %%EOF end marker');
  }
  const tail = /startxref\s+(\d+)\s*%%EOF$/.exec(latin1(bytes.subarray(Math.max(0, end - 64), end)));
  const offset = tail ? Number(tail[1]) : Number.NaN;
  if (!(offset < end)) return malformed('the PDF has no valid startxref before %%EOF');
  const at = latin1(bytes.subarray(offset, Math.min(end, offset + 4096)));
  if (/^xref\s/.test(at)) {
    const trailer = buffer.indexOf('trailer', offset);
    return trailer !== -1 && trailer < end && /^trailer\s*<</.test(latin1(bytes.subarray(trailer, trailer + 16)))
      ? undefined
      : malformed('the PDF cross-reference table has no trailer dictionary');
  }
  return /^\d+\s+\d+\s+obj\s*<<[\s\S]*?\/Type\s*\/XRef\b[\s\S]*?stream/.test(at)
    ? undefined
    : malformed('startxref does not point at a cross-reference table or stream');
}

interface ParserInternals {
  readonly bytes: { offset(): number };
  skipWhitespaceAndComments(): void;
  skipJibberish(): void;
  skipBinaryHeaderComment(): void;
}

interface TrailerInfo {
  readonly Root?: PDFObject;
  readonly Encrypt?: PDFObject;
}

/**
 * Parse with pdf-lib, refusing what it would skip, scanning every object it assigns and recording every trailer.
 * pdf-lib catches errors thrown while it parses an object (and retries it as an invalid one), so the first problem
 * found is recorded in `found` and wins over whatever error the parser throws next.
 */
async function parseStrictly(bytes: Uint8Array): Promise<ParseOutcome> {
  const parser = PDFParser.forBytesWithOptions(bytes, Number.POSITIVE_INFINITY, true, false);
  const outcome: { found?: ContentProblem; trailers: TrailerInfo[] } = { trailers: [] };
  const refuse = (problem: ContentProblem): never => {
    outcome.found ??= problem;
    throw new Error(problem.message);
  };
  const internals = parser as unknown as ParserInternals;
  const lenientSkip = internals.skipJibberish.bind(internals);
  internals.skipJibberish = () => {
    internals.skipWhitespaceAndComments();
    const at = internals.bytes.offset();
    lenientSkip();
    if (internals.bytes.offset() !== at) refuse(malformed(`the PDF has unparsable bytes at byte ${at}`));
  };
  internals.skipBinaryHeaderComment = () => internals.skipWhitespaceAndComments();
  const context = (parser as unknown as { context: PDFContext }).context;
  const assign = context.assign.bind(context);
  context.assign = (ref, object) => {
    const problem = scanObject(object, ref);
    if (problem) refuse(problem);
    assign(ref, object);
  };
  let current = context.trailerInfo;
  Object.defineProperty(context, 'trailerInfo', {
    get: () => current,
    set: (info: typeof current) => {
      outcome.trailers.push(info);
      current = info;
    },
  });
  try {
    await parser.parseDocument();
    return { ...outcome, context };
  } catch (error) {
    return { ...outcome, error };
  }
}

interface ParseOutcome {
  readonly found?: ContentProblem;
  readonly trailers: readonly TrailerInfo[];
  readonly context?: PDFContext;
  readonly error?: unknown;
}

/** The page count of the catalog's page tree, or undefined when there is no proper catalog. */
function pageCount(context: PDFContext, root: PDFObject | undefined): number | undefined {
  const catalog = root instanceof PDFRef ? context.lookup(root) : undefined;
  if (!(catalog instanceof PDFDict) || catalog.lookup(PDFName.of('Type')) !== PDFName.of('Catalog')) return undefined;
  const pages = catalog.lookup(PDFName.of('Pages'));
  if (!(pages instanceof PDFDict) || pages.lookup(PDFName.of('Type')) !== PDFName.of('Pages')) return undefined;
  const count = pages.lookup(PDFName.of('Count'));
  return count instanceof PDFNumber ? count.asNumber() : undefined;
}

const ENCRYPTED: ContentProblem = {
  code: 'DOCUMENT_ENCRYPTED',
  message: 'the PDF is encrypted (password-protected), so it cannot be inspected; upload it without encryption',
};

/**
 * Inspect a PDF; undefined when it parses and carries no active content, embedded file or encryption.
 *
 * @example
 * (await inspectPdf(pdfWithOpenActionJavaScript))?.code; // 'DOCUMENT_ACTIVE_CONTENT'
 */
export async function inspectPdf(bytes: Uint8Array): Promise<ContentProblem | undefined> {
  const frame = checkFrame(bytes);
  if (frame) return frame;
  const parsed = await parseStrictly(bytes);
  if (parsed.trailers.some((t) => t.Encrypt !== undefined)) return ENCRYPTED;
  if (parsed.found) return parsed.found;
  if (!parsed.context) {
    // Encrypted object streams do not inflate, so the parser fails before the trailer: name the cause.
    if (/\/Encrypt[\s/<[(]/.test(latin1(bytes))) return ENCRYPTED;
    const reason = parsed.error instanceof Error ? parsed.error.message.slice(0, 160) : 'unknown error';
    return malformed(`the PDF does not parse (${reason})`);
  }
  const root = parsed.trailers.findLast((t) => t.Root !== undefined)?.Root;
  const pages = pageCount(parsed.context, root);
  if (pages === undefined) return malformed('the PDF has no document catalog with a page tree');
  if (pages < 1) return malformed('the PDF has no pages');
  return undefined;
}
