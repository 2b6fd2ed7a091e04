/**
 * In-memory {@link DocumentStore} on a {@link FakeBucket} (the documents bucket): a presigned upload is a grant that
 * {@link FakeDocumentStore.post} honours as S3 honours the policy (exact size, exact Content-Type, before it expires),
 * the kept copy is stored only under a key its bytes hash to, and a presigned read is a URL {@link FakeBucket.open}
 * serves with the disposition and type it names.
 *
 * @example
 * const documents = new FakeDocumentStore(new FakeBucket(clock, 'documents'));
 * const { upload } = await requestDocumentUpload(deps, input);
 * documents.post(upload, bytes); // 204, as the browser's form POST
 */
import { createHash } from 'node:crypto';
import { contentDisposition } from '../../../lambdas/adapters/s3/object-store';
import type { DocumentStore, PresignedUpload } from '../../../lambdas/ports/document-store';
import type { FakeBucket } from './bucket';

/** The longest a presigned upload lives, whatever the caller asks (the adapter's cap). */
const MAX_UPLOAD_SECONDS = 300;

interface Grant {
  /** Undefined: an undeclared grant (any type, 1 to `maxLength` bytes). */
  readonly contentType?: string;
  readonly contentLength?: number;
  readonly maxLength?: number;
  readonly expiresAt: number;
}

export class FakeDocumentStore implements DocumentStore {
  /** Upload grants by object key. */
  readonly grants = new Map<string, Grant>();
  /** Every presigned read handed out. */
  readonly reads: {
    key: string;
    fileName: string;
    contentType: string;
    disposition: string;
    expiresInSeconds: number;
  }[] = [];

  constructor(readonly bucket: FakeBucket) {}

  async presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedUpload> {
    const expiresAt = this.bucket.clock.now().getTime() + Math.min(options.expiresInSeconds, MAX_UPLOAD_SECONDS) * 1000;
    this.grants.set(key, { contentType: options.contentType, contentLength: options.contentLength, expiresAt });
    return {
      method: 'POST',
      url: `https://${this.bucket.name}.fake.invalid/`,
      fields: { key, 'Content-Type': options.contentType },
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  async presignUndeclaredUpload(
    key: string,
    options: { maxLength: number; successRedirect: string; expiresInSeconds: number },
  ): Promise<PresignedUpload> {
    const expiresAt = this.bucket.clock.now().getTime() + Math.min(options.expiresInSeconds, MAX_UPLOAD_SECONDS) * 1000;
    this.grants.set(key, { maxLength: options.maxLength, expiresAt });
    return {
      method: 'POST',
      url: `https://${this.bucket.name}.fake.invalid/`,
      fields: { key, success_action_redirect: options.successRedirect },
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /**
   * The client's form POST of a presigned upload, refused as S3 refuses what the policy does not allow: 204 stored,
   * 400 another size, 403 another type, an expired or unknown grant.
   *
   * @example
   * expect(documents.post(upload, bytes)).toBe(204);
   */
  post(upload: PresignedUpload, bytes: Uint8Array, contentType = upload.fields['Content-Type']): 204 | 400 | 403 {
    const key = upload.fields.key ?? '';
    const grant = this.grants.get(key);
    if (!grant || grant.expiresAt < this.bucket.clock.now().getTime()) return 403;
    if (grant.maxLength !== undefined) {
      // Undeclared: any type (stored as S3's default), any size up to the maximum.
      if (bytes.byteLength < 1 || bytes.byteLength > grant.maxLength) return 400;
      this.bucket.put(key, bytes, 'binary/octet-stream');
      return 204;
    }
    if (contentType !== grant.contentType) return 403;
    if (bytes.byteLength !== grant.contentLength) return 400;
    this.bucket.put(key, bytes, contentType);
    return 204;
  }

  async head(key: string): Promise<{ size: number; contentType?: string } | undefined> {
    const object = this.bucket.objects.get(key);
    if (!object) return undefined;
    return { size: object.bytes.byteLength, ...(object.contentType ? { contentType: object.contentType } : {}) };
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const object = this.bucket.objects.get(key);
    return object ? new Uint8Array(object.bytes) : undefined;
  }

  async keep(key: string, bytes: Uint8Array, options: { contentType: string; sha256: string }): Promise<void> {
    this.bucket.put(key, bytes, options.contentType);
    if (createHash('sha256').update(bytes).digest('hex') !== options.sha256) {
      throw new Error(`kept copy ${key} does not hash to its key`);
    }
  }

  async presignRead(
    key: string,
    options: { fileName: string; contentType: string; disposition: 'inline' | 'attachment'; expiresInSeconds: number },
  ): Promise<string> {
    this.reads.push({ key, ...options });
    return this.bucket.presign(
      key,
      {
        'response-content-disposition': contentDisposition(options.fileName, options.disposition),
        'response-content-type': options.contentType,
      },
      options.expiresInSeconds,
    );
  }
}
