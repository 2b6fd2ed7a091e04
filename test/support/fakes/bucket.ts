/**
 * An S3 bucket in memory — objects with their bytes, Content-Type and last-modified time (from the clock) — and the
 * two ports on the certificates bucket: {@link FakePdfStore} (put, get, presigned download) and
 * {@link FakePdfSweepStore} (listing page by page in key order, delete). Both fakes over one bucket see the same
 * objects, as the two adapters do.
 *
 * @example
 * const bucket = new FakeBucket(clock);
 * const pdfs = new FakePdfStore(bucket);
 * const sweep = new FakePdfSweepStore(bucket, 10);
 */
import { createHash } from 'node:crypto';
import { contentDisposition } from '../../../lambdas/adapters/s3/object-store';
import type { Clock } from '../../../lambdas/ports/clock';
import type { PdfStore } from '../../../lambdas/ports/pdf-store';
import type { ListedObject, PdfSweepStore } from '../../../lambdas/ports/pdf-sweep-store';
import { compare } from './storage';

/** One stored object. */
export interface FakeObject {
  readonly bytes: Uint8Array;
  readonly contentType: string | undefined;
  readonly lastModified: Date;
}

/** The longest a presigned GET lives (the adapter caps every presign at 5 minutes). */
const MAX_PRESIGN_SECONDS = 300;

export class FakeBucket {
  readonly objects = new Map<string, FakeObject>();

  constructor(
    readonly clock: Clock,
    readonly name = 'bucket',
  ) {}

  /** Store an object now (S3 PutObject). @example bucket.put('certificates/x.pdf', bytes, 'application/pdf'); */
  put(key: string, bytes: Uint8Array, contentType?: string, lastModified = this.clock.now()): void {
    this.objects.set(key, { bytes: new Uint8Array(bytes), contentType, lastModified });
  }

  /**
   * A presigned GET of an object: an opaque URL that {@link open} resolves while it lives.
   *
   * @example
   * bucket.presign(key, { 'response-content-disposition': 'attachment; …' }, 300);
   */
  presign(key: string, query: Readonly<Record<string, string>>, expiresInSeconds: number): string {
    const expires = this.clock.now().getTime() + Math.min(expiresInSeconds, MAX_PRESIGN_SECONDS) * 1000;
    const params = new URLSearchParams({ ...query, expires: String(expires) });
    return `https://${this.name}.fake.invalid/${encodeURIComponent(key)}?${params}`;
  }

  /**
   * What a presigned URL serves now: the bytes and the response headers it asked for; undefined once expired or for
   * an object that is gone.
   *
   * @example
   * bucket.open(url)?.headers['content-disposition'];
   */
  open(url: string): { bytes: Uint8Array; headers: Record<string, string> } | undefined {
    const parsed = new URL(url);
    if (parsed.host !== `${this.name}.fake.invalid`) return undefined;
    if (Number(parsed.searchParams.get('expires')) < this.clock.now().getTime()) return undefined;
    const object = this.objects.get(decodeURIComponent(parsed.pathname.slice(1)));
    if (!object) return undefined;
    const headers: Record<string, string> = {};
    const type = parsed.searchParams.get('response-content-type') ?? object.contentType;
    if (type) headers['content-type'] = type;
    const disposition = parsed.searchParams.get('response-content-disposition');
    if (disposition) headers['content-disposition'] = disposition;
    return { bytes: new Uint8Array(object.bytes), headers };
  }
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** {@link PdfStore} on a {@link FakeBucket}. */
export class FakePdfStore implements PdfStore {
  constructor(readonly bucket: FakeBucket) {}

  async put(key: string, bytes: Uint8Array): Promise<{ key: string; sha256: string; size: number }> {
    this.bucket.put(key, bytes, 'application/pdf');
    return { key, sha256: sha256Hex(bytes), size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const object = this.bucket.objects.get(key);
    return object ? new Uint8Array(object.bytes) : undefined;
  }

  async presignDownload(key: string, fileName: string): Promise<string> {
    return this.bucket.presign(
      key,
      {
        'response-content-disposition': contentDisposition(fileName, 'attachment'),
        'response-content-type': 'application/pdf',
      },
      MAX_PRESIGN_SECONDS,
    );
  }
}

/** {@link PdfSweepStore} on a {@link FakeBucket}: `pageSize` keys a page, in UTF-8 byte order, as S3 lists them. */
export class FakePdfSweepStore implements PdfSweepStore {
  /** How often a page was listed. */
  listCalls = 0;

  constructor(
    readonly bucket: FakeBucket,
    private readonly pageSize = 1000,
  ) {}

  async listPage(prefix: string, cursor?: string): Promise<{ items: ListedObject[]; cursor?: string }> {
    this.listCalls++;
    const keys = [...this.bucket.objects.keys()]
      .filter((k) => k.startsWith(prefix) && (cursor === undefined || compare(k, cursor) > 0))
      .sort(compare);
    const page = keys.slice(0, this.pageSize);
    const items = page.map((key) => ({ key, lastModified: (this.bucket.objects.get(key) as FakeObject).lastModified }));
    const last = page.at(-1);
    return { items, ...(keys.length > page.length && last ? { cursor: last } : {}) };
  }

  async delete(key: string): Promise<void> {
    this.bucket.objects.delete(key);
  }
}
