/**
 * The workbench lists' cursors, sealed as the API seals its own (`lambdas/shared/cursors/guard.ts`): a page link
 * carries the repository position only sealed, bound to the page's route, its filters and the signed-in person, so a
 * cursor cannot be replayed with other filters or by someone else. The console pipeline (`consoleRoute`) does not
 * handle cursors itself, hence this small helper for the list pages of this area.
 *
 * @example
 * const position = await openListCursor(route, request, { state }, query.cursor); // 400 page for a forged one
 * const next = await sealListCursor(route, request, { state }, page.cursor);
 */
import { cursorGuard } from '../../composition/cursors';
import type { RouteContract } from '../../contracts/route';
import { cursorBinding } from '../../shared/cursors/guard';

/** Rows a page, as every workbench list. */
export const WORKBENCH_PAGE_SIZE = 50;

/** Who the cursor is bound to: the session's subject (staff have no USCC). */
interface Caller {
  readonly viewer: { readonly id: string };
}

const bindingOf = (contract: RouteContract, caller: Caller, filters: Readonly<Record<string, unknown>>): string =>
  cursorBinding(contract, {
    params: undefined,
    query: filters,
    identity: { subject: caller.viewer.id, roles: [] },
  });

/**
 * The repository position a page's sealed cursor carries (`INVALID_CURSOR` 400 when it was sealed for other
 * filters, another person or with a retired key).
 *
 * @example
 * await openListCursor(consoleWorkbenchDispatchesRoute, request, { state, month }, query.cursor);
 */
export async function openListCursor(
  contract: RouteContract,
  caller: Caller,
  filters: Readonly<Record<string, unknown>>,
  sealed: string | undefined,
): Promise<string | undefined> {
  return sealed ? cursorGuard().open(sealed, bindingOf(contract, caller, filters)) : undefined;
}

/**
 * A repository position sealed for the next page's link.
 *
 * @example
 * await sealListCursor(consoleWorkbenchDispatchesRoute, request, { state, month }, page.cursor);
 */
export async function sealListCursor(
  contract: RouteContract,
  caller: Caller,
  filters: Readonly<Record<string, unknown>>,
  position: string | undefined,
): Promise<string | undefined> {
  return position ? cursorGuard().seal(position, bindingOf(contract, caller, filters)) : undefined;
}
