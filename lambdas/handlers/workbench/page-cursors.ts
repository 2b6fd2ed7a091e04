/**
 * Sealed list cursors for workbench pages (the console pipeline passes query parameters as they are): a page opens
 * the `cursor` it was given and seals the next position with the API's cursor guard, bound — as the API binds its
 * own — to the route, its path parameters, its other query parameters and the signed-in person. A cursor from another
 * page, query or person is `400 INVALID_CURSOR`; a raw storage position never reaches the browser.
 *
 * @example
 * const cursors = pageCursors(consoleWorkbenchCertificatesRoute, request);
 * const page = await list({ cursor: await cursors.open() });
 * const next = await cursors.nextHref('/console/workbench/certificates', page.cursor, { q });
 */
import { cursorGuard } from '../../composition/cursors';
import type { RouteContract } from '../../contracts/route';
import type { Viewer } from '../../domain/viewer';
import { type CursorGuard, cursorBinding } from '../../shared/cursors/guard';

export interface PageCursors {
  /** The position the request's `cursor` carries (undefined on the first page). */
  open(): Promise<string | undefined>;
  /** The link to the next page (`path?…&cursor=`), or undefined when the list ended. */
  nextHref(
    path: string,
    position: string | undefined,
    query?: Readonly<Record<string, string>>,
  ): Promise<string | undefined>;
}

export function pageCursors(
  contract: Pick<RouteContract, 'method' | 'path'>,
  request: { readonly params: unknown; readonly query: unknown; readonly viewer: Viewer },
  options: {
    /** The query parameters the list depends on (default: all but the cursor; leave out display-only ones). */
    readonly filters?: Readonly<Record<string, unknown>>;
    readonly guard?: CursorGuard;
  } = {},
): PageCursors {
  const guard = options.guard ?? cursorGuard();
  const caller = {
    subject: request.viewer.id,
    roles: [],
    ...(request.viewer.kind === 'enterprise' ? { uscc: request.viewer.uscc } : {}),
  };
  const binding = cursorBinding(contract, {
    params: request.params,
    query: options.filters ?? request.query,
    identity: caller,
  });
  const sealed = (request.query as { cursor?: unknown } | undefined)?.cursor;
  return {
    open: async () => (typeof sealed === 'string' && sealed !== '' ? guard.open(sealed, binding) : undefined),
    nextHref: async (path, position, query = {}) => {
      if (!position) return undefined;
      const search = new URLSearchParams({ ...query, cursor: await guard.seal(position, binding) });
      return `${path}?${search.toString()}`;
    },
  };
}
