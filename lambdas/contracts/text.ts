/**
 * The printable-text policy of `lambdas/domain/text.ts` as a zod refinement, for free-text request fields that no
 * domain parser cleans (comments, reasons, findings, file names, amendments): the request parser answers such an
 * issue with its own code (`TEXT_NOT_PRINTABLE`, `FILE_NAME_INVALID`) instead of `INVALID_REQUEST`, naming the field
 * and the characters.
 *
 * @example
 * const Comment = printable(z.string().trim().min(1).max(1000), { multiline: true });
 */
import { z } from 'zod';
import {
  describeCharacter,
  FILE_NAME_INVALID,
  TEXT_LIMITS,
  TEXT_NOT_PRINTABLE,
  unprintableCharacters,
  unprintableMessage,
} from '../domain/text';

/**
 * Refuse unprintable characters (after NFC; line feeds allowed when `multiline`).
 *
 * @example
 * printable(z.string().trim().min(1).max(500)); // a one-line reason
 */
export function printable<T extends z.ZodString>(schema: T, options: { readonly multiline?: boolean } = {}): T {
  return schema.superRefine((value, ctx) => {
    const text = options.multiline ? value.normalize('NFC').replace(/\r\n?/g, '\n') : value.normalize('NFC');
    const bad = unprintableCharacters(text, options);
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: unprintableMessage(bad), params: { code: TEXT_NOT_PRINTABLE } });
    }
  }) as T;
}

/**
 * A document's display file name: printable, one line, no path separators, at most `TEXT_LIMITS.fileName` (200).
 *
 * @example
 * const UploadRequestBody = z.object({ fileName: fileName(), … });
 */
export function fileName(): z.ZodString {
  return printable(z.string().trim().min(1).max(TEXT_LIMITS.fileName)).superRefine((value, ctx) => {
    const separators = [...new Set([...value].filter((ch) => ch === '/' || ch === '\\'))];
    if (separators.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `is a file name, not a path: ${separators.map(describeCharacter).join(', ')} not allowed`,
        params: { code: FILE_NAME_INVALID },
      });
    }
  });
}
