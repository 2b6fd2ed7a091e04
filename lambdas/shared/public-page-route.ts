/**
 * The pipeline of public HTML pages outside the console (一公开's plan pages): no sign-in, no cookie, no session — and
 * every answer a page, errors included. `httpRoute` answers errors as `application/problem+json` and seals cursors in
 * a JSON body; a page needs neither: here an error becomes the caller's error page (status from the catalogue, the
 * code named, internals never shown), and a list page gets `nextPage(position)`, the link to its next page with the
 * position sealed — bound to the route, its path parameters and its filters (display-only parameters left out), as
 * `httpRoute` binds the API's cursors. A raw storage position never reaches the browser.
 *
 * The page markup and its headers are the presenter's (the handler passes them in): this layer draws nothing.
 *
 * @example
 * export const handler = publicPageRoute(publicPlanPageRoute, async ({ params }) => ({ markup: page(params) }), {
 *   headers: PAGE_HEADERS, errorPage: (error, event) => renderErrorPage(error),
 * });
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { isPaginated, type RouteContract, type Schema } from '../contracts/route';
import type { ErrorCode } from '../domain/error-catalogue';
import { PermitError } from '../domain/errors';
import { type CursorGuard, cursorBinding } from './cursors/guard';
import { type HttpEvent, type HttpResult, html, parseRequestPart, type RouteHandler } from './http';
import { logger } from './logger';
import { statusOf } from './problem-status';

type Infer<T> = T extends Schema ? z.output<T> : undefined;
type Req<C extends RouteContract> = NonNullable<C['request']>;

/** What a public page function receives. */
export interface PublicPageRequest<C extends RouteContract> {
  readonly params: Infer<Req<C>['params']>;
  /** The query as the contract parsed it; a list page's `cursor` is already opened (a repository position). */
  readonly query: Infer<Req<C>['query']>;
  /**
   * The link (path and query) to the next page, or undefined when the list ended: this page's path and query with
   * `position` sealed as its `cursor`. Only for a contract with a `cursor` query parameter.
   */
  readonly nextPage: (position: string | undefined) => Promise<string | undefined>;
  readonly correlationId: string;
  readonly event: HttpEvent;
}

/** A page: its markup and status (default 200). */
export interface PublicPageAnswer {
  readonly status?: number;
  readonly markup: string;
}

/** An error as its page shows it: the catalogue's status and code, the message only for a 4xx. */
export interface PublicPageError {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message?: string;
  /** For a 5xx: the id to quote to the authority (the log has the cause). */
  readonly correlationId?: string;
}

/** Options of {@link publicPageRoute}. */
export interface PublicPageOptions {
  /** Sent with every answer, pages and error pages alike (the presenter's CSP and caching). */
  readonly headers: Readonly<Record<string, string>>;
  /** Draws an error as a page, for the request it answers (e.g. to keep its large-text choice). */
  readonly errorPage: (error: PublicPageError, event: HttpEvent) => string;
  /** Seals and opens a list page's cursors — required when the contract has a `cursor` query parameter. */
  readonly cursors?: CursorGuard;
  /** Query parameters that change only how the page looks: left out of the cursors' binding. */
  readonly displayOnly?: readonly string[];
}

/** `x-correlation-id` when well-formed, else the API Gateway request id. */
function correlationOf(event: HttpEvent, context: Context): string {
  const fromHeader = event.headers?.['x-correlation-id'];
  if (fromHeader && /^[A-Za-z0-9._-]{1,128}$/.test(fromHeader)) return fromHeader;
  return event.requestContext?.requestId ?? context.awsRequestId ?? crypto.randomUUID();
}

function pageErrorOf(error: unknown, correlationId: string): PublicPageError {
  if (error instanceof PermitError) {
    const status = statusOf(error.code);
    if (status < 500) return { status, code: error.code, message: error.message };
    logger.error('dependency unavailable', { code: error.code, error, correlationId });
    return { status, code: error.code, correlationId };
  }
  logger.error('unhandled page error', { error, correlationId });
  return { status: statusOf('INTERNAL'), code: 'INTERNAL', correlationId };
}

/**
 * Build the Lambda handler of one public page (see the module's description).
 *
 * @example
 * export const list = publicPageRoute(publicPlansPageRoute, async ({ query, nextPage }) => {
 *   const page = await listPlans(deps, 'public', query);
 *   return { markup: renderPlanListPage(page.items, { next: await nextPage(page.cursor) }) };
 * }, { headers, errorPage, cursors: cursorGuard(), displayOnly: ['text'] });
 */
export function publicPageRoute<C extends RouteContract>(
  contract: C,
  fn: (request: PublicPageRequest<C>) => Promise<PublicPageAnswer>,
  options: PublicPageOptions,
): RouteHandler<C> {
  if (contract.access !== 'public') throw new Error(`${contract.operationId}: a public page must be access 'public'`);
  const cursors = isPaginated(contract) ? options.cursors : undefined;
  if (isPaginated(contract) && !cursors) {
    throw new Error(`page ${contract.operationId} pages a list: give publicPageRoute { cursors: cursorGuard() }`);
  }
  cursors?.warm();
  const displayOnly = options.displayOnly ?? [];
  // An error page is never kept: the plan it could not find may be published a minute later.
  const answer = (status: number, markup: string, correlationId: string): HttpResult =>
    html(status, markup, {
      ...options.headers,
      ...(status >= 400 ? { 'cache-control': 'no-store' } : {}),
      'x-correlation-id': correlationId,
    });

  const handler = middy<HttpEvent, HttpResult>().handler(async (event, context) => {
    const correlationId = correlationOf(event, context);
    logger.appendKeys({ correlationId });
    try {
      const req = contract.request ?? {};
      const params = parseRequestPart(req.params, event.pathParameters ?? {}, 'path') as Infer<Req<C>['params']>;
      const rawQuery = new URLSearchParams(event.rawQueryString ?? '');
      const parsed = (parseRequestPart(req.query, Object.fromEntries(rawQuery), 'query') ?? {}) as Record<
        string,
        unknown
      >;
      const filters = Object.fromEntries(Object.entries(parsed).filter(([k]) => !displayOnly.includes(k)));
      const binding = cursorBinding(contract, { params, query: filters, identity: undefined });
      const sealed = typeof parsed.cursor === 'string' && parsed.cursor !== '' ? parsed.cursor : undefined;
      const { cursor: _sealed, ...rest } = parsed;
      const query = { ...rest, ...(sealed && cursors ? { cursor: await cursors.open(sealed, binding) } : {}) };
      const nextPage = async (position: string | undefined): Promise<string | undefined> => {
        if (!position || !cursors) return undefined;
        const link = new URLSearchParams(rawQuery);
        link.set('cursor', await cursors.seal(position, binding));
        return `${event.rawPath}?${link.toString()}`;
      };
      const page = await fn({
        params,
        query: query as Infer<Req<C>['query']>,
        nextPage,
        correlationId,
        event,
      });
      return answer(page.status ?? 200, page.markup, correlationId);
    } catch (error) {
      const shown = pageErrorOf(error, correlationId);
      return answer(shown.status, options.errorPage(shown, event), correlationId);
    } finally {
      logger.removeKeys(['correlationId']);
    }
  });
  return Object.assign(handler, { contract }) as unknown as RouteHandler<C>;
}
