/**
 * S3 adapter of {@link DocumentStore}: application documents in the documents bucket — presigned POST uploads to
 * `applications/{id}/DOC-…`, and the checked bytes kept under their content-addressed key, which no upload reaches.
 *
 * @example
 * const documents = new S3DocumentStore(s3Client(), config().documentsBucket);
 * const upload = await documents.presignUpload(key, { contentType: 'application/pdf', contentLength: 812, expiresInSeconds: 300 });
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DocumentStore, PresignedUpload } from '../../ports/document-store';
import { S3ObjectStore } from './object-store';

export class S3DocumentStore implements DocumentStore {
  readonly #store: S3ObjectStore;

  constructor(client: S3Client, bucket: string) {
    this.#store = new S3ObjectStore(client, bucket);
  }

  presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedUpload> {
    return this.#store.presignUpload(key, options);
  }

  presignUndeclaredUpload(
    key: string,
    options: { maxLength: number; successRedirect: string; expiresInSeconds: number },
  ): Promise<PresignedUpload> {
    return this.#store.presignUndeclaredUpload(key, options);
  }

  async head(key: string): Promise<{ size: number; contentType?: string } | undefined> {
    const head = await this.#store.head(key);
    return head ? { size: head.size, ...(head.contentType ? { contentType: head.contentType } : {}) } : undefined;
  }

  get(key: string): Promise<Uint8Array | undefined> {
    return this.#store.get(key);
  }

  async keep(key: string, bytes: Uint8Array, options: { contentType: string; sha256: string }): Promise<void> {
    const stored = await this.#store.put(key, bytes, { contentType: options.contentType });
    if (stored.sha256 !== options.sha256) throw new Error(`kept copy ${key} does not hash to its key`);
  }

  presignRead(
    key: string,
    options: { fileName: string; contentType: string; disposition: 'inline' | 'attachment'; expiresInSeconds: number },
  ): Promise<string> {
    return this.#store.presignDownload(key, options);
  }
}
