/**
 * The buckets' ports — certificate PDFs, the orphan sweep's listing, application documents — the same assertions
 * against the in-memory fakes and the S3 adapters on the local S3 (s3rver behind its policy-checking front): objects
 * round-trip with their digest and type, a missing one is absent, a listing pages in key order under its prefix, a
 * presigned upload stores only what its policy allows, a kept copy must hash to its key, and a presigned URL serves
 * the object with the disposition and type it names.
 */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { S3DocumentStore } from '../../../lambdas/adapters/s3/document-store';
import { S3PdfStore } from '../../../lambdas/adapters/s3/pdf-store';
import { S3SweepStore } from '../../../lambdas/adapters/s3/sweep-store';
import type { DocumentStore, PresignedUpload } from '../../../lambdas/ports/document-store';
import type { PdfStore } from '../../../lambdas/ports/pdf-store';
import type { PdfSweepStore } from '../../../lambdas/ports/pdf-sweep-store';
import { postUpload, tinyPdf } from '../../support/applications';
import { FakeBucket, FakeDocumentStore, FakePdfStore, FakePdfSweepStore } from '../../support/fakes';
import { unique } from './records';
import { emulatorStore } from './subjects';

interface Served {
  readonly bytes: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

interface Subject {
  readonly pdfs: PdfStore;
  readonly sweep: PdfSweepStore;
  readonly documents: DocumentStore;
  /** What a presigned GET serves now (undefined: refused). */
  readonly open: (url: string) => Promise<Served | undefined>;
  /** The client's form POST of a presigned upload: its HTTP status. */
  readonly post: (upload: PresignedUpload, bytes: Uint8Array) => Promise<number>;
}

const PAGE = 3;

const subjects: [string, () => Promise<Subject>][] = [
  [
    'in-memory fakes',
    async () => {
      const clock = new ManualClock();
      const certificates = new FakeBucket(clock, 'certificates');
      const documentsBucket = new FakeBucket(clock, 'documents');
      const documents = new FakeDocumentStore(documentsBucket);
      return {
        pdfs: new FakePdfStore(certificates),
        sweep: new FakePdfSweepStore(certificates, PAGE),
        documents,
        open: async (url) => certificates.open(url) ?? documentsBucket.open(url),
        post: async (upload, bytes) => documents.post(upload, bytes),
      };
    },
  ],
  [
    'S3 adapters',
    async () => {
      const { s3, names } = await emulatorStore();
      return {
        pdfs: new S3PdfStore(s3, names.buckets.certificates),
        sweep: new S3SweepStore(s3, names.buckets.certificates, PAGE),
        documents: new S3DocumentStore(s3, names.buckets.documents),
        open: async (url) => {
          const response = await fetch(url);
          if (!response.ok) return undefined;
          return { bytes: new Uint8Array(await response.arrayBuffer()), headers: Object.fromEntries(response.headers) };
        },
        post: async (upload, bytes) => (await postUpload(upload, bytes)).status,
      };
    },
  ],
];

const sha256 = async (bytes: Uint8Array) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))).toString('hex');

describe.each(subjects)('object stores — %s', (_, make) => {
  let subject: Promise<Subject> | undefined;
  const s = () => {
    subject ??= make();
    return subject;
  };

  test('PdfStore: a PDF round-trips with its digest and size; a missing one is absent; a download names the file', async () => {
    // Prepare
    const { pdfs, open } = await s();
    const bytes = tinyPdf('许可证');
    const key = `certificates/42-XK06-001-${unique()}/v1/${await sha256(bytes)}.pdf`;

    // Act
    const stored = await pdfs.put(key, bytes);
    const url = await pdfs.presignDownload(key, '生产许可证-42-XK06-001-00001-v1.pdf');
    const served = await open(url);

    // Assess
    expect(stored).toEqual({ key, sha256: await sha256(bytes), size: bytes.byteLength });
    expect(await pdfs.get(key)).toEqual(bytes);
    expect(await pdfs.get('certificates/none.pdf')).toBeUndefined();
    expect(served?.bytes).toEqual(bytes);
    expect(served?.headers['content-type']).toBe('application/pdf');
    expect(served?.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''%E7%94%9F/);
  });

  test('PdfSweepStore: pages through its prefix in key order; deleting, even twice, removes the object', async () => {
    // Prepare
    const { pdfs, sweep } = await s();
    const prefix = `certificates/sweep-${unique()}/`;
    const keys = ['b', 'a', 'e', 'c', 'd'].map((k) => `${prefix}${k}.pdf`);
    for (const key of keys) await pdfs.put(key, tinyPdf(key));
    await pdfs.put(`certificates/elsewhere-${unique()}.pdf`, tinyPdf());

    // Act
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await sweep.listPage(prefix, cursor);
      pages.push(page.items.map((o) => o.key));
      expect(page.items.every((o) => o.lastModified instanceof Date)).toBe(true);
      cursor = page.cursor;
    } while (cursor);
    await sweep.delete(`${prefix}c.pdf`);
    await sweep.delete(`${prefix}c.pdf`);
    const after = await sweep.listPage(prefix);

    // Assess
    expect(pages.flat()).toEqual([...keys].sort());
    expect(pages[0]).toHaveLength(PAGE);
    expect(after.items.map((o) => o.key)).toEqual([`${prefix}a.pdf`, `${prefix}b.pdf`, `${prefix}d.pdf`]);
    expect(await pdfs.get(`${prefix}c.pdf`)).toBeUndefined();
  });

  test('DocumentStore: a presigned upload stores exactly what its policy allows', async () => {
    // Prepare
    const { documents, post } = await s();
    const bytes = tinyPdf('检测报告');
    const key = `applications/APP-${unique()}/DOC-1`;
    const refusedKey = `applications/APP-${unique()}/DOC-2`;
    const upload = await documents.presignUpload(key, {
      contentType: 'application/pdf',
      contentLength: bytes.byteLength,
      expiresInSeconds: 60,
    });
    const tooSmall = await documents.presignUpload(refusedKey, {
      contentType: 'application/pdf',
      contentLength: bytes.byteLength + 1,
      expiresInSeconds: 60,
    });

    // Act
    const stored = await post(upload, bytes);
    const refused = await post(tooSmall, bytes);

    // Assess
    expect(upload.method).toBe('POST');
    expect(upload.fields.key).toBe(key);
    expect(stored).toBeLessThan(300);
    expect(refused).toBeGreaterThanOrEqual(400);
    expect(await documents.head(key)).toEqual({ size: bytes.byteLength, contentType: 'application/pdf' });
    expect(await documents.get(key)).toEqual(bytes);
    expect(await documents.head(refusedKey)).toBeUndefined();
    expect(await documents.get(refusedKey)).toBeUndefined();
  });

  test('DocumentStore: keeps a copy only under the digest it hashes to, and serves it as asked', async () => {
    // Prepare
    const { documents, open } = await s();
    const bytes = tinyPdf('申请单');
    const digest = await sha256(bytes);
    const key = `applications/APP-${unique()}/checked/${digest}`;

    // Act
    await documents.keep(key, bytes, { contentType: 'application/pdf', sha256: digest });
    const wrong = await documents
      .keep(`${key}-x`, bytes, { contentType: 'application/pdf', sha256: '0'.repeat(64) })
      .catch((e: unknown) => e);
    const url = await documents.presignRead(key, {
      fileName: '申请单.pdf',
      contentType: 'application/pdf',
      disposition: 'inline',
      expiresInSeconds: 60,
    });
    const served = await open(url);

    // Assess
    expect(wrong).toBeInstanceOf(Error);
    expect(await documents.get(key)).toEqual(bytes);
    expect(served?.bytes).toEqual(bytes);
    expect(served?.headers['content-type']).toBe('application/pdf');
    expect(served?.headers['content-disposition']).toMatch(/^inline; filename="download\.pdf"; filename\*=UTF-8''/);
  });
});
