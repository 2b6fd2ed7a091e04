/**
 * {@link LogPublication} on S3: the log's resources under `log/` in the private log bucket, with their content types
 * (the checkpoint is text, tiles and bundles are bytes) and SHA-256 checksums.
 *
 * @example
 * const publication = new S3LogPublication(new S3ObjectStore(s3Client(), config().logBucket));
 * await publication.put('checkpoint', note);
 */
import type { LogPublication } from '../../ports/log-publication';
import type { S3ObjectStore } from './object-store';

/** Key prefix of the log's resources in its bucket. */
export const LOG_PREFIX = 'log/';

export class S3LogPublication implements LogPublication {
  constructor(private readonly objects: S3ObjectStore) {}

  async put(path: string, bytes: Uint8Array): Promise<void> {
    await this.objects.put(`${LOG_PREFIX}${path}`, bytes, {
      contentType: path === 'checkpoint' ? 'text/plain; charset=utf-8' : 'application/octet-stream',
    });
  }

  get(path: string): Promise<Uint8Array | undefined> {
    return this.objects.get(`${LOG_PREFIX}${path}`);
  }
}
