/**
 * What every in-memory fake shares with its adapter: values go through "storage" (a deep copy without `undefined`
 * members, as the DynamoDB document client with `removeUndefinedValues` writes them), a transaction is all or nothing
 * with each write's condition checked before any is applied, and a list is paged by an opaque position that only the
 * list that issued it accepts.
 *
 * @example
 * commitAll([{ reason: 'revision', holds: () => head?.revision === 3, apply: () => heads.set(key, next) }], conflict);
 * return pageOf('certs', entries, 'desc', { limit: 25 });
 */
import { pageSize } from '../../../lambdas/adapters/dynamo/pagination';
import { invalidCursor } from '../../../lambdas/domain/errors';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { Page, PageRequest } from '../../../lambdas/ports/page';

/**
 * A value as storage gives it back: a deep copy, `undefined` members dropped. Fakes store and return copies, so a
 * caller mutating what it wrote or read changes nothing stored — as with a real table.
 *
 * @example
 * map.set(id, stored(snapshot));
 */
export const stored = <T>(value: T): T => copyOf(value) as T;

/** JSON's copy, except that value objects (frozen, immutable) stay themselves, as the adapters' parse-back gives them. */
function copyOf(value: unknown): unknown {
  if (value instanceof LicenceNumber) return value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined || typeof v === 'function' ? null : copyOf(v)));
  if (value !== null && typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return copyOf(json.call(value));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = copyOf(v);
    return out;
  }
  return value;
}

/**
 * The error a plain conditional write fails with (DynamoDB's `ConditionalCheckFailedException`), for the adapters
 * that let it through unmapped.
 *
 * @example
 * if (heads.has(id)) throw conditionalCheckFailed();
 */
export const conditionalCheckFailed = (): Error =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });

/** One write of a transaction: the condition it is made on, and the change. */
export interface Write {
  /** Why the transaction fails when this write's condition does not hold (the adapter's reason for that item). */
  readonly reason: string;
  readonly holds: () => boolean;
  readonly apply: () => void;
}

/**
 * Apply every write or none: every condition is checked first; the first that fails (in order, as DynamoDB's
 * cancellation reasons are read) is thrown as `conflict(reason)` and nothing changes.
 *
 * @example
 * commitAll(writes, (reason) => new CommitConflict(reason as CommitConflictReason));
 */
export function commitAll(writes: readonly Write[], conflict: (reason: string) => Error): void {
  const failed = writes.find((w) => !w.holds());
  if (failed) throw conflict(failed.reason);
  for (const write of writes) write.apply();
}

/** One item of a list and where it sorts (its index sort key; unique within the list). */
export interface Listed<T> {
  readonly sortKey: string;
  readonly item: T;
}

interface Position {
  readonly list: string;
  readonly after: string;
}

const encode = (position: Position): string => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

function decode(cursor: string | undefined, list: string): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  // The adapter's own checks (`decodeCursor`, `startKeyFor`): ASCII base64url, bounded, and of this very list.
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let position: Partial<Position>;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Position>;
  } catch {
    throw invalidCursor();
  }
  if (position?.list !== list || typeof position.after !== 'string') throw invalidCursor();
  return position.after;
}

/**
 * One page of a list, in the list's order, with the adapter's page size rule; the cursor is an opaque position that
 * only this list (`list`: the index partition, e.g. `ENT#9142…`) accepts — any other is `400 INVALID_CURSOR`. A full
 * page always has one (DynamoDB stops at the limit without looking further), so the last page may be empty.
 *
 * @example
 * pageOf(`APPSTATE#${state}`, apps.map((a) => ({ sortKey: `${a.updatedAt}#${a.id}`, item: a })), 'desc', page);
 */
export function pageOf<T>(
  list: string,
  entries: readonly Listed<T>[],
  order: 'asc' | 'desc',
  page: PageRequest,
): Page<T> {
  const after = decode(page.cursor, list);
  const sorted = [...entries].sort((a, b) =>
    order === 'asc' ? compare(a.sortKey, b.sortKey) : compare(b.sortKey, a.sortKey),
  );
  const rest =
    after === undefined
      ? sorted
      : sorted.filter((e) => (order === 'asc' ? compare(e.sortKey, after) > 0 : compare(e.sortKey, after) < 0));
  const size = pageSize(page.limit);
  const taken = rest.slice(0, size);
  const last = taken.at(-1);
  return {
    items: taken.map((e) => stored(e.item)),
    // As DynamoDB: a full page has a position after it, even when nothing follows (the next page is then empty).
    ...(taken.length === size && last ? { cursor: encode({ list, after: last.sortKey }) } : {}),
  };
}

/** Byte order of UTF-8 strings, as DynamoDB compares sort keys (not the locale's order). */
export function compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
