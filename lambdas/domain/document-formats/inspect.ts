/**
 * Type by content, beyond magic bytes: the one entry point that runs the format's own walk (PDF, PNG, JPEG) and then
 * the archive check every format shares. Pure: no I/O, no AWS.
 *
 * @example
 * await inspectContent(bytes, 'image/png'); // undefined, or { code: 'DOCUMENT_TRAILING_DATA', message: '…' }
 */
import type { DocumentContentType } from '../application-documents';
import { hiddenArchive } from './archive';
import { inspectJpeg } from './jpeg';
import { inspectPdf } from './pdf';
import { inspectPng } from './png';
import type { ContentProblem } from './problem';

/**
 * Inspect bytes whose signature says `type`; undefined when the file is well formed and harmless.
 *
 * @example
 * (await inspectContent(pngWithHtmlAppended, 'image/png'))?.code; // 'DOCUMENT_TRAILING_DATA'
 */
export async function inspectContent(
  bytes: Uint8Array,
  type: DocumentContentType,
): Promise<ContentProblem | undefined> {
  const problem =
    type === 'application/pdf'
      ? await inspectPdf(bytes)
      : type === 'image/png'
        ? inspectPng(bytes)
        : inspectJpeg(bytes);
  return problem ?? hiddenArchive(bytes);
}
