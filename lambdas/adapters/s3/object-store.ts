/**
 * S3 adapter for stored files (certificate PDFs, application documents). Keys are chosen by the caller to be unique,
 * so an object is never rewritten; the SHA-256 travels on the object (metadata, and S3's own checksum on AWS).
 * Client uploads are presigned POSTs whose policy pins the key, the exact length and the Content-Type.
 *
 * @example
 * const store = new S3ObjectStore(s3Client(), config().certificatesBucket);
 * await store.put('certificates/42-XK13-001-00001/v1/ab12….pdf', bytes, { contentType: 'application/pdf' });
 * const url = await store.presignDownload(key, { fileName: '许可证.pdf', expiresInSeconds: 300 });
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
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

/**
 * The longest a presigned upload may live, whatever the caller asks (the domain's `MAX_UPLOAD_GRANT_SECONDS`; kept
 * here too so that the certificate functions sharing this adapter do not load the document checks).
 */
export const MAX_UPLOAD_SECONDS = 300;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Never carried into a header: controls (C0, DEL, C1), Unicode line/paragraph separators, path separators. */
const UNSAFE_IN_FILE_NAME = /[\p{Cc}\u2028\u2029/\\]+/gu;

/** RFC 8187 `value-chars`: encodeURIComponent leaves `'()*` as they are, but they are not `attr-char`. */
const extValue = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (or `inline; …`) so Chinese file names survive every browser
 * (RFC 6266). A file name is display text only: controls and path separators become `_`, leading dots and spaces
 * go, the quoted ASCII fallback carries no quote or backslash, and `filename*` is fully percent-encoded — whatever
 * the name, the header value has no CR, LF or unescaped quote.
 *
 * @example
 * contentDisposition('检测报告.pdf', 'inline'); // `inline; filename="download"; filename*=UTF-8''%E6%A3%80…`
 */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'attachment'): string {
  const display = fileName.replace(UNSAFE_IN_FILE_NAME, '_').replace(/^[\s._-]+/, '') || 'download';
  // Old clients read only `filename`: drop what ASCII cannot carry rather than printing underscores for it, and keep
  // the extension when nothing of the name is left (`检测报告.pdf` → `download.pdf`).
  const [, base = display, extension = ''] = /^(.*?)(\.[A-Za-z0-9]{1,10})?$/.exec(display) ?? [];
  const asciiBase =
    base
      .replace(/[^\x20-\x7e]+/g, '')
      .replace(/["\\]/g, '')
      .replace(/^[\s._-]+/, '')
      .trim() || 'download';
  return `${disposition}; filename="${asciiBase}${extension}"; filename*=UTF-8''${extValue(display)}`;
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
   * A presigned POST for a client upload (a browser-style form). Its policy pins the exact key, a
   * `content-length-range` of exactly `contentLength`, and the Content-Type (`eq`); it lives at most
   * {@link MAX_UPLOAD_SECONDS}. S3 refuses a form outside the policy — the API still re-checks every upload.
   */
  async presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<{ method: 'POST'; url: string; fields: Record<string, string>; expiresAt: string }> {
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', options.contentLength, options.contentLength],
        ['eq', '$Content-Type', options.contentType],
      ],
      Fields: { 'Content-Type': options.contentType },
      Expires: Math.min(options.expiresInSeconds, MAX_UPLOAD_SECONDS),
    });
    return { method: 'POST', url, fields, expiresAt: policyExpiration(fields.Policy) };
  }

  /**
   * A presigned POST for a plain HTML form that cannot declare the file first: the policy pins the exact key, a
   * `content-length-range` of 1 to `maxLength`, and `success_action_redirect` (S3 answers 303 to it once stored); no
   * Content-Type (the object is stored as S3's default, and the check detects the type from the bytes).
   */
  async presignUndeclaredUpload(
    key: string,
    options: { maxLength: number; successRedirect: string; expiresInSeconds: number },
  ): Promise<{ method: 'POST'; url: string; fields: Record<string, string>; expiresAt: string }> {
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, options.maxLength],
        ['eq', '$success_action_redirect', options.successRedirect],
      ],
      Fields: { success_action_redirect: options.successRedirect },
      Expires: Math.min(options.expiresInSeconds, MAX_UPLOAD_SECONDS),
    });
    return { method: 'POST', url, fields, expiresAt: policyExpiration(fields.Policy) };
  }

  /** A short-lived GET URL that serves the object under `fileName` (as an attachment unless `inline`). */
  async presignDownload(
    key: string,
    options: {
      fileName: string;
      expiresInSeconds?: number;
      contentType?: string;
      disposition?: 'inline' | 'attachment';
    },
  ): Promise<string> {
    const expiresIn = Math.min(options.expiresInSeconds ?? MAX_PRESIGN_SECONDS, MAX_PRESIGN_SECONDS);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(options.fileName, options.disposition),
      ResponseContentType: options.contentType ?? 'application/pdf',
    });
    return getSignedUrl(this.client, command, { expiresIn });
  }
}

/** The `expiration` the signed policy states: the one instant the store enforces. */
function policyExpiration(policy: string | undefined): string {
  const parsed = JSON.parse(Buffer.from(policy ?? '', 'base64').toString('utf8')) as { expiration?: string };
  if (!parsed.expiration) throw new Error('presigned POST without a policy expiration');
  return new Date(parsed.expiration).toISOString();
}
