/**
 * List cursors at the HTTP edge. Repositories page with a raw storage position; callers only ever see it sealed
 * (`lambdas/adapters/cursors/cursor-codec.ts`) and bound to the query it continues: the route, its path parameters,
 * its filters (every query parameter but `cursor` and `limit`, as the contract parsed them — defaults applied, keys
 * sorted) and the caller (token subject and USCC). `httpRoute` does both ends for every route whose contract has a
 * `cursor` query parameter, with the {@link CursorGuard} the handler passes (`lambdas/composition/cursors.ts`), and
 * refuses to build such a route without one: use cases and handlers never see a sealed cursor, and a new list route
 * cannot forget to seal one.
 *
 * @example
 * const binding = cursorBinding(listCertificatesRoute, { params, query, identity });
 * const position = await guard.open(query.cursor, binding);
 */

import { PAGING_QUERY_KEYS, type RouteContract, routeKey } from '../../contracts/route';
import type { Clock } from '../../ports/clock';
import type { CursorKeySource } from '../../ports/cursor-key-source';
import type { Identity } from '../identity';
import { logger } from '../logger';
import { cursorKeyId, openCursor, sealCursor } from './codec';
import type { CursorKeySet } from './key-set';

/**
 * JSON with object keys sorted at every level and undefined members dropped: equal queries, equal text. A value the
 * contract parsed into an object with a `toJSON` (a `LicenceNumber` path parameter: its printed form) counts as that,
 * so the printed and URL-safe forms of one licence bind alike.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * What a cursor is bound to, as canonical text (the sealed cursor's additional authenticated data).
 *
 * @example
 * cursorBinding(listInspectionsRoute, { params: undefined, query: { state: 'due' }, identity });
 * // '{"caller":{"sub":"officer-1"},"filters":{"state":"due"},"params":{},"route":"GET /v1/inspections","v":1}'
 */
export function cursorBinding(
  contract: Pick<RouteContract, 'method' | 'path'>,
  request: { readonly params: unknown; readonly query: unknown; readonly identity: Identity | undefined },
): string {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const filters = Object.fromEntries(Object.entries(query).filter(([k]) => !PAGING_QUERY_KEYS.includes(k)));
  const identity = request.identity;
  return canonicalJson({
    v: 1,
    route: routeKey(contract),
    params: request.params ?? {},
    filters,
    caller: identity ? { sub: identity.subject, uscc: identity.uscc } : null,
  });
}

const knows = (keys: CursorKeySet, id: string): boolean =>
  keys.current.id === id || keys.previous.some((k) => k.id === id);

/**
 * Opens and seals cursors with the key set of one {@link CursorKeySource}.
 *
 * @example
 * const guard = new CursorGuard(new StaticCursorKeySource(generateCursorKeySet(clock.now())), clock);
 */
export class CursorGuard {
  constructor(
    private readonly source: CursorKeySource,
    /** Real time: keys retire on real time, like token checks (never the local runtime's settable clock). */
    private readonly clock: Clock,
  ) {}

  /** Load the key set now (cold start), so the first list request does not wait for it; errors surface on use. */
  warm(): void {
    this.source.get().catch((error: unknown) => logger.warn('cursor keys not loaded at cold start', { error }));
  }

  /** The position a cursor carries, if it was sealed for this binding with a key still accepted; else 400. */
  async open(cursor: string, binding: string): Promise<string> {
    let keys = await this.source.get();
    const id = cursorKeyId(cursor);
    // A key id this instance has never seen: a rotation it has not picked up yet (the refresh is rate-limited).
    if (id !== undefined && !knows(keys, id)) keys = await this.source.refresh();
    return openCursor(cursor, binding, keys, this.clock.now());
  }

  /** Seal a repository position for this binding with the current key. */
  async seal(position: string, binding: string): Promise<string> {
    return sealCursor(position, binding, await this.source.get());
  }
}
