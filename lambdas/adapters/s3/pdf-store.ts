/**
 * S3 adapter of {@link PdfStore}: certificate PDFs under `certificates/` in the certificates bucket, each key unique
 * per licence, version and content, so nothing is ever rewritten.
 *
 * @example
 * const pdfs = new S3PdfStore(s3Client(), config().certificatesBucket);
 * await pdfs.put('certificates/42-XK06-001-00001/v1/ab12….pdf', bytes);
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { PdfStore } from '../../ports/pdf-store';
import { S3ObjectStore } from './object-store';

export class S3PdfStore implements PdfStore {
  readonly #store: S3ObjectStore;

  constructor(client: S3Client, bucket: string) {
    this.#store = new S3ObjectStore(client, bucket);
  }

  put(key: string, bytes: Uint8Array): Promise<{ key: string; sha256: string; size: number }> {
    return this.#store.put(key, bytes, { contentType: 'application/pdf' });
  }

  get(key: string): Promise<Uint8Array | undefined> {
    return this.#store.get(key);
  }

  presignDownload(key: string, fileName: string): Promise<string> {
    return this.#store.presignDownload(key, { fileName });
  }
}
