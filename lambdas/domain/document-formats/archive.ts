/**
 * Is the file also a ZIP archive? ZIP readers look for the end-of-central-directory record from the end of the file
 * (it may be followed only by its own comment, up to 65,535 bytes), so any file whose last 64 KiB hold such a record
 * with a comment that runs exactly to the end opens as an archive, whatever it starts with.
 *
 * @example
 * hiddenArchive(bytes); // { code: 'DOCUMENT_POLYGLOT', … } or undefined
 */
import type { ContentProblem } from './problem';

const EOCD = [0x50, 0x4b, 0x05, 0x06] as const;
const EOCD_SIZE = 22;

/**
 * A `DOCUMENT_POLYGLOT` problem when a ZIP end-of-central-directory record ends the file.
 *
 * @example
 * hiddenArchive(pdfWithZipInAComment)?.code; // 'DOCUMENT_POLYGLOT'
 */
export function hiddenArchive(bytes: Uint8Array): ContentProblem | undefined {
  const from = Math.max(0, bytes.length - EOCD_SIZE - 0xffff);
  for (let i = bytes.length - EOCD_SIZE; i >= from; i--) {
    if (bytes[i] !== EOCD[0] || bytes[i + 1] !== EOCD[1] || bytes[i + 2] !== EOCD[2] || bytes[i + 3] !== EOCD[3]) {
      continue;
    }
    const commentLength = (bytes[i + 20] as number) | ((bytes[i + 21] as number) << 8);
    if (i + EOCD_SIZE + commentLength === bytes.length) {
      return {
        code: 'DOCUMENT_POLYGLOT',
        message: 'the file is also a ZIP archive (its end record closes the file); upload the document alone',
      };
    }
  }
  return undefined;
}
