/** The API's own document check: type by content, size, SHA-256. */
import { describe, expect, test } from 'vitest';
import {
  checkDocumentBytes,
  DOCUMENT_LIMITS,
  requiredDocuments,
  sniffContentType,
} from '../../../lambdas/domain/application-documents';
import { tinyPdf, tinyPng } from '../../support/applications';

describe('document checks', () => {
  test('types by magic bytes, not by name', () => {
    expect(sniffContentType(tinyPdf())).toBe('application/pdf');
    expect(sniffContentType(tinyPng())).toBe('image/png');
    expect(sniffContentType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('GIF89a'))).toBeUndefined();
  });

  test('accepts a good file with its SHA-256; refuses empty, oversized, unknown and mismatched', () => {
    expect(checkDocumentBytes(tinyPdf(), 'application/pdf')).toMatchObject({
      ok: true,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(checkDocumentBytes(new Uint8Array(), 'application/pdf')).toMatchObject({
      ok: false,
      code: 'DOCUMENT_EMPTY',
    });
    const big = new Uint8Array(DOCUMENT_LIMITS.maxBytes + 1);
    big.set(tinyPdf().subarray(0, 8));
    expect(checkDocumentBytes(big, 'application/pdf')).toMatchObject({ ok: false, code: 'DOCUMENT_TOO_LARGE' });
    expect(checkDocumentBytes(new TextEncoder().encode('hello'), 'application/pdf')).toMatchObject({
      ok: false,
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
    });
    expect(checkDocumentBytes(tinyPng(), 'application/pdf')).toMatchObject({
      ok: false,
      code: 'DOCUMENT_TYPE_MISMATCH',
    });
  });

  test('which kinds need which documents is data', () => {
    expect(requiredDocuments('new')).toEqual(['application-form', 'commitment-letter', 'test-report']);
    expect(requiredDocuments('cancel')).toEqual(['application-form']);
  });
});
