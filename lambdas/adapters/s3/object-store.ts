/**
 * S3 adapter for stored files (certificate PDFs, application documents). Keys are chosen by the caller to be unique,
 * so an object is never rewritten; the SHA-256 travels on the object (metadata, and S3's own checksum on AWS).
 *
 * @example
 * const store = new S3ObjectStore(s3Client(), config().certificatesBucket);
 * await store.put('certificates/42-XK13-001-00001/v1/ab12….pdf', bytes, { contentType: 'application/pdf' });
 * const url = await store.presignDownload(key, { fileName: '许可证.pdf', expiresInSeconds: 300 });
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface StoredObject {
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
}

export interface ObjectHead {
  readonly size: number;
  readonly contentType: string | undefined;
  readonly sha256: string | undefined;
}

/** The longest a presigned download may live. */
export const MAX_PRESIGN_SECONDS = 300;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** `attachment; filename="ascii"; filename*=UTF-8''…` so Chinese file names survive every browser (RFC 6266). */
export function contentDisposition(fileName: string): string {
  // Old clients read only `filename`: drop what ASCII cannot carry rather than printing underscores for it.
  const ascii =
    fileName
      .replace(/[^\x20-\x7e]+/g, '')
      .replace(/["\\]/g, '')
      .replace(/^[\s._-]+/, '') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

export class S3ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async put(
    key: string,
    body: Uint8Array,
    options: { contentType: string; metadata?: Record<string, string> },
  ): Promise<StoredObject> {
    const sha256 = sha256Hex(body);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        // A Buffer, not a stream: some S3-compatible stores corrupt streamed uploads with chunked checksums.
        Body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
        ContentType: options.contentType,
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        Metadata: { sha256, ...options.metadata },
      }),
    );
    return { key, sha256, size: body.byteLength };
  }

  /** The object's bytes, or undefined when there is no such object. */
  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType, sha256: out.Metadata?.sha256 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * A presigned PUT for a client upload, with the content type and length **signed**: S3 refuses a request whose
   * headers differ. A presigned POST (whose policy can state a size *range*) would need `@aws-sdk/s3-presigned-post`,
   * which is not a dependency; a signed exact length is stricter anyway. The API still re-checks every upload itself.
   */
  async presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<{ url: string; headers: Record<string, string> }> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: options.contentType,
      ContentLength: options.contentLength,
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: options.expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return { url, headers: { 'content-type': options.contentType, 'content-length': String(options.contentLength) } };
  }

  /** A short-lived GET URL that downloads the object under `fileName`. */
  async presignDownload(
    key: string,
    options: { fileName: string; expiresInSeconds?: number; contentType?: string },
  ): Promise<string> {
    const expiresIn = Math.min(options.expiresInSeconds ?? MAX_PRESIGN_SECONDS, MAX_PRESIGN_SECONDS);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(options.fileName),
      ResponseContentType: options.contentType ?? 'application/pdf',
    });
    return getSignedUrl(this.client, command, { expiresIn });
  }
}
