/** The API's own document check: the stored object against its declaration, type by content, size, SHA-256. */
import { describe, expect, test } from 'vitest';
import { MAX_UPLOAD_SECONDS } from '../../../lambdas/adapters/s3/object-store';
import {
  checkDocumentBytes,
  checkStoredObject,
  DOCUMENT_LIMITS,
  documentServing,
  keptDocumentKey,
  MAX_UPLOAD_GRANT_SECONDS,
  requiredDocuments,
  sniffContentType,
  uploadGrantSeconds,
} from '../../../lambdas/domain/application-documents';
import { pdfOfSize, tinyPdf, tinyPng } from '../../support/applications';
import { pngWithHtmlAppended } from '../../support/document-vectors';

const asDeclared = (bytes: Uint8Array, contentType: 'application/pdf' | 'image/png' = 'application/pdf') => ({
  contentType,
  size: bytes.byteLength,
});

describe('document checks', () => {
  test('types by magic bytes, not by name', () => {
    expect(sniffContentType(tinyPdf())).toBe('application/pdf');
    expect(sniffContentType(tinyPng())).toBe('image/png');
    expect(sniffContentType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('GIF89a'))).toBeUndefined();
  });

  test('accepts a good file with its SHA-256; refuses empty, oversized, unknown and mismatched', async () => {
    expect(await checkDocumentBytes(tinyPdf(), asDeclared(tinyPdf()))).toMatchObject({
      ok: true,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await checkDocumentBytes(new Uint8Array(), { contentType: 'application/pdf', size: 10 })).toMatchObject({
      ok: false,
      code: 'DOCUMENT_EMPTY',
    });
    const big = new Uint8Array(DOCUMENT_LIMITS.maxBytes + 1);
    big.set(tinyPdf().subarray(0, 8));
    expect(await checkDocumentBytes(big, asDeclared(big))).toMatchObject({ ok: false, code: 'DOCUMENT_TOO_LARGE' });
    const hello = new TextEncoder().encode('hello');
    expect(await checkDocumentBytes(hello, asDeclared(hello))).toMatchObject({
      ok: false,
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
    });
    expect(await checkDocumentBytes(tinyPng(), asDeclared(tinyPng()))).toMatchObject({
      ok: false,
      code: 'DOCUMENT_TYPE_MISMATCH',
    });
  });

  test('the bytes read must have the declared size, and pass the content checks', async () => {
    const bytes = pdfOfSize(4612);
    expect(await checkDocumentBytes(bytes, { contentType: 'application/pdf', size: 600 })).toMatchObject({
      ok: false,
      code: 'DOCUMENT_SIZE_MISMATCH',
      size: 4612,
    });
    const polyglot = pngWithHtmlAppended();
    expect(await checkDocumentBytes(polyglot, asDeclared(polyglot, 'image/png'))).toMatchObject({
      ok: false,
      code: 'DOCUMENT_TRAILING_DATA',
    });
  });

  test('the stored object is compared with the declaration: presence, size, exact size, Content-Type', () => {
    const declared = { contentType: 'application/pdf', size: 600 } as const;
    expect(checkStoredObject(undefined, declared)?.code).toBe('DOCUMENT_MISSING');
    expect(checkStoredObject({ size: 0, contentType: 'application/pdf' }, declared)?.code).toBe('DOCUMENT_EMPTY');
    expect(checkStoredObject({ size: 6_000_000, contentType: 'application/pdf' }, declared)?.code).toBe(
      'DOCUMENT_TOO_LARGE',
    );
    expect(checkStoredObject({ size: 4612, contentType: 'application/pdf' }, declared)).toMatchObject({
      code: 'DOCUMENT_SIZE_MISMATCH',
      message: 'the file has 4612 bytes, but 600 were declared',
    });
    expect(checkStoredObject({ size: 600, contentType: 'text/html' }, declared)?.code).toBe(
      'DOCUMENT_STORED_TYPE_MISMATCH',
    );
    expect(checkStoredObject({ size: 600 }, declared)?.code).toBe('DOCUMENT_STORED_TYPE_MISMATCH');
    expect(checkStoredObject({ size: 600, contentType: 'Application/PDF; charset=binary' }, declared)).toBeUndefined();
  });

  test('which kinds need which documents is data', () => {
    expect(requiredDocuments('new')).toEqual(['application-form', 'commitment-letter', 'test-report']);
    expect(requiredDocuments('cancel')).toEqual(['application-form']);
  });
});

describe('upload grants and kept copies', () => {
  test('an upload grant lives at most 5 minutes: the data file says so, and more is refused at load', () => {
    expect(DOCUMENT_LIMITS.uploadUrlSeconds).toBeLessThanOrEqual(300);
    expect(MAX_UPLOAD_GRANT_SECONDS).toBe(300);
    expect(MAX_UPLOAD_SECONDS).toBe(MAX_UPLOAD_GRANT_SECONDS);
    expect(uploadGrantSeconds(300)).toBe(300);
    expect(() => uploadGrantSeconds(900)).toThrow(/1–300, got 900/);
    expect(() => uploadGrantSeconds(0)).toThrow();
  });

  test('the kept key is content-addressed, outside the upload keys', () => {
    expect(keptDocumentKey('APP-20261127-K3M9Q2ZT7A', 'ab'.repeat(32))).toBe(
      `applications/APP-20261127-K3M9Q2ZT7A/checked/${'ab'.repeat(32)}`,
    );
  });

  test('staff are served the kept copy inline as its detected type; anything else as an attachment', () => {
    const key = 'applications/APP-1/DOC-1';
    expect(documentServing({ state: 'accepted', key, keptKey: 'k', contentType: 'image/png' })).toEqual({
      key: 'k',
      contentType: 'image/png',
      disposition: 'inline',
      copy: 'kept',
    });
    for (const document of [
      { state: 'rejected', key },
      { state: 'accepted', key, contentType: 'image/png' as const },
    ]) {
      expect(documentServing(document)).toEqual({
        key,
        contentType: 'application/octet-stream',
        disposition: 'attachment',
        copy: 'upload',
      });
    }
    expect(documentServing({ state: 'awaiting-upload', key })).toBeUndefined();
  });
});
