/**
 * The console's route pipeline (the HTML primary adapter over the same use cases as the API): the session cookie is
 * read and renewed, the viewer comes from it (role and USCC from the identity provider only), a state-changing request
 * must carry the session's CSRF token, the page is drawn in the page shell in the reader's language, and the response
 * carries the console's security headers (strict CSP) and is compressed by `Accept-Encoding`.
 *
 * CONTRACT-FIRST STUB: the signatures below are fixed (the enterprise pages are written against them in parallel);
 * the implementation is issue 12's foundation work and replaces the body of `consoleRoute`.
 *
 * @example
 * export const handler = consoleRoute(myLicencesPage, async ({ viewer, ctx }) => ({
 *   kind: 'page', title: { zh: '我的许可证', en: 'My licences' }, body: licencesBody(await list(viewer), ctx),
 * }));
 */
import type { z } from 'zod';
import type { RouteContract } from '../contracts/route';
import type { Viewer } from '../domain/viewer';
import type { ConsoleContext } from '../presenters/console/context';
import type { HttpEvent, HttpResult, RouteHandler } from './http';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
type Req<C extends RouteContract> = NonNullable<C['request']>;

export interface ConsoleRequest<C extends RouteContract> {
  readonly params: Infer<Req<C>['params']>;
  readonly query: Infer<Req<C>['query']>;
  /** A POST's `application/x-www-form-urlencoded` fields, parsed by the contract's `body` schema (CSRF checked). */
  readonly form: Infer<Req<C>['body']>;
  /** Who is signed in (the console's routes all need a session; the roles are the contract's `access`). */
  readonly viewer: Viewer;
  /** The signed-in user's display name, from the identity provider. */
  readonly name: string;
  readonly ctx: ConsoleContext;
  readonly event: HttpEvent;
}

export type ConsoleResult =
  /** A page drawn in the shell; `status` defaults to 200 (use 422 for a form shown again with its errors). */
  | {
      readonly kind: 'page';
      readonly status?: number;
      readonly title: { readonly zh: string; readonly en: string };
      readonly body: string;
    }
  /** 303 See Other to a console path (after a POST: post/redirect/get). */
  | { readonly kind: 'redirect'; readonly to: string }
  /** A response made elsewhere (e.g. a 302 to a presigned PDF download). */
  | { readonly kind: 'raw'; readonly result: HttpResult };

export function consoleRoute<C extends RouteContract>(
  contract: C,
  _fn: (request: ConsoleRequest<C>) => Promise<ConsoleResult>,
): RouteHandler<C> {
  throw new Error(`consoleRoute is not built yet (${contract.operationId})`);
}
