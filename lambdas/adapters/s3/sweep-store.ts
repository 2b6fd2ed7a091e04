/**
 * S3 adapter of {@link PdfSweepStore}: the keys under a prefix page by page, and `DeleteObject` by key. The function
 * that uses it may list only under its prefix and delete only there (`list-delete` grant in `lambdas/functions.ts`);
 * it cannot read, write or delete versions.
 *
 * Pages come from `ListObjects` with a `Marker` (the last key of the previous page, as S3 documents for a truncated
 * answer without `NextMarker`): the same `s3:ListBucket` permission as `ListObjectsV2`, and the local emulator
 * (s3rver) cannot page V2 listings on Node ≥ 17 — it encrypts its continuation tokens with DES, which OpenSSL 3 no
 * longer offers, and answers `InternalError` for every truncated V2 page.
 *
 * @example
 * const store = new S3SweepStore(s3Client(), config().certificatesBucket);
 * const { items, cursor } = await store.listPage('certificates/');
 */
import { DeleteObjectCommand, ListObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ListedObject, PdfSweepStore } from '../../ports/pdf-sweep-store';

export class S3SweepStore implements PdfSweepStore {
  /** @param pageSize keys per listing page (S3's own maximum, 1000, unless a test wants many pages). */
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    private readonly pageSize = 1000,
  ) {}

  /** The cursor is the last key listed: the next page starts after it (deleted meanwhile or not). */
  async listPage(prefix: string, cursor?: string): Promise<{ items: ListedObject[]; cursor?: string }> {
    const out = await this.client.send(
      new ListObjectsCommand({
        Bucket: this.bucket,
        Prefix: prefix,
        MaxKeys: this.pageSize,
        ...(cursor ? { Marker: cursor } : {}),
      }),
    );
    const items = (out.Contents ?? []).flatMap((o) =>
      o.Key && o.LastModified ? [{ key: o.Key, lastModified: o.LastModified }] : [],
    );
    const last = out.Contents?.at(-1)?.Key;
    return { items, ...(out.IsTruncated && last ? { cursor: out.NextMarker ?? last } : {}) };
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
