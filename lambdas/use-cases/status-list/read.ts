/**
 * The status list as the public reads it (the `verify` function's routes `GET /status-lists/1` and
 * `GET /status-lists/1/{index}`): the published token, and one entry of it.
 *
 * @example
 * const { jwt, etag } = await publishedStatusList(deps);
 * const entry = await statusListEntry(deps, '4711'); // { index: 4711, status: 'valid', statusValue: 0, … }
 */
import { createHash } from 'node:crypto';
import type { CertificateStatus } from '../../domain/certificate-status';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { licenceStatusOf } from '../../domain/status-list/licence-status';
import { STATUS_LIST_SIZE } from '../../domain/status-list/status-list';
import { readOwnStatusList } from '../../domain/status-list/status-list-token';
import type { PublishedStatusList, StatusListReader } from '../../ports/status-list-store';

export interface StatusListReadDeps {
  readonly reader: StatusListReader;
  /** The list's URL (its `sub`). */
  readonly listUrl: string;
}

/** One entry as the lookup answers it. */
export interface StatusListEntry {
  readonly list: string;
  readonly index: number;
  readonly status: CertificateStatus;
  readonly statusValue: number;
  readonly listIssuedAt: string;
  readonly listExpiresAt: string;
  readonly note: string;
}

const EXPIRY_NOTE =
  '状态列表不含有效期，请核对证书的有效期。Expiry is not in the list: check the certificate’s validity dates.';

/**
 * The published list with its entity tag (a strong tag of the token's bytes). `STATUS_LIST_NOT_PUBLISHED` (404)
 * before the first publication.
 *
 * @example
 * const { jwt, etag } = await publishedStatusList(deps);
 */
export async function publishedStatusList(
  deps: Pick<StatusListReadDeps, 'reader'>,
): Promise<PublishedStatusList & { readonly etag: string }> {
  const published = await deps.reader.published();
  if (!published) throw new NotFoundError('STATUS_LIST_NOT_PUBLISHED', 'no status list has been published yet');
  const etag = `"${createHash('sha256').update(published.jwt).digest('base64url').slice(0, 27)}"`;
  return { ...published, etag };
}

/**
 * The entry at `index` (as the path gives it) in the published list. `STATUS_LIST_INDEX_OUT_OF_RANGE` (400) for
 * anything but a whole number in the list, `STATUS_LIST_INDEX_NOT_ALLOCATED` (404) for a slot no licence holds,
 * `STATUS_LIST_NOT_PUBLISHED` (404) before the first list.
 *
 * @example
 * await statusListEntry(deps, '131072'); // throws STATUS_LIST_INDEX_OUT_OF_RANGE
 */
export async function statusListEntry(deps: StatusListReadDeps, text: string): Promise<StatusListEntry> {
  const index = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
  if (!(index < STATUS_LIST_SIZE)) {
    const message = `the index must be a whole number from 0 to ${STATUS_LIST_SIZE - 1}`;
    throw new ValidationError('STATUS_LIST_INDEX_OUT_OF_RANGE', message, [{ field: 'index', message }]);
  }
  const [allocated, published] = await Promise.all([deps.reader.isAllocated(index), publishedStatusList(deps)]);
  if (!allocated) throw new NotFoundError('STATUS_LIST_INDEX_NOT_ALLOCATED', `no licence holds index ${index}`);
  const statusValue = readOwnStatusList(published.jwt).get(index);
  return {
    list: deps.listUrl,
    index,
    status: licenceStatusOf(statusValue),
    statusValue,
    listIssuedAt: new Date(published.iat * 1000).toISOString(),
    listExpiresAt: new Date(published.exp * 1000).toISOString(),
    note: EXPIRY_NOTE,
  };
}
