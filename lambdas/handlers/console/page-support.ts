/**
 * What every enterprise page shares: the signed-in enterprise's viewer, and a record the viewer may not see drawn
 * as the one "not found" page (404) — another enterprise's licence or application answers exactly like a missing one
 * because the use cases throw the same `NotFoundError` for both.
 *
 * @example
 * return orNotFound(ctx, async () => ({ kind: 'page', title, body }));
 */
import { NotFoundError } from '../../domain/errors';
import type { ConsoleContext } from '../../presenters/console/context';
import { notFoundBody } from '../../presenters/console/not-found';
import type { ConsoleResult } from '../../shared/console-route';

export async function orNotFound(ctx: ConsoleContext, page: () => Promise<ConsoleResult>): Promise<ConsoleResult> {
  try {
    return await page();
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return {
      kind: 'page',
      status: 404,
      title: { zh: '未找到', en: 'Not found' },
      body: notFoundBody(ctx, error.code).toString(),
    };
  }
}

/** A console link to the next page of a list (the cursor as the API seals it). */
export const nextLink = (path: string, cursor: string | undefined): string | undefined =>
  cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : undefined;
