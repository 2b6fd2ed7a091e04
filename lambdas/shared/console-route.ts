/**
 * The console's route pipeline (the HTML primary adapter over the same use cases as the API): the session cookie is
 * read and renewed, the viewer comes from it (role and USCC from the identity provider only), a state-changing request
 * must carry the session's CSRF token, the page is drawn in the page shell in the reader's language, and the response
 * carries the console's security headers (strict CSP) and is compressed by `Accept-Encoding`.
 *
 * Console routes are told apart from the bearer-token API by their path (`isConsoleRoute`: under `/console`): no JWT
 * authorizer is attached to them (CDK and the local gateway), the session is their authentication, and the OpenAPI
 * document leaves them out. Their contracts are ordinary `RouteContract`s whose `access` lists the roles that may see
 * the page (checked here, against the session's roles), or `'public'` for {@link publicConsoleRoute}.
 *
 * In order, for {@link consoleRoute}:
 * 1. `?lang=en|zh-CN` or `?text=large|normal` on a GET sets that preference's cookie and redirects (303) to the page
 *    without the parameter — the language and large-text switches are plain links.
 * 2. The session cookie is opened (AES-256-GCM) and checked against the idle (30 min) and absolute (12 h) timeouts on
 *    the injected clock. None, forged, tampered or ended: a GET is redirected to `/console/sign-in?next=<path>`; any
 *    other method gets a 401 page (`SESSION_REQUIRED`).
 * 3. The viewer (`viewerOf`, as the API does) and the contract's roles: else a 403 page.
 * 4. A non-GET body must be `application/x-www-form-urlencoded` and carry the session's CSRF token as `_csrf`
 *    (compared in constant time; else a 403 page, `CSRF_TOKEN_INVALID`); then its fields (a repeated name becomes an
 *    array) are parsed by the contract's `body` schema with the API's parser (`parseRequestPart`: a field keeps its own
 *    code) — a failure is a 422 page listing the messages.
 * 5. Path and query are parsed by their schemas (400 page on failure), the page function runs, and an error it throws
 *    becomes an error page with the catalogue's status and Chinese meaning beside the English (never internals).
 *    A page that lists (its contract has a `cursor` query parameter) gets its cursors handled here, as `httpRoute`
 *    does for the API: the `cursor` it receives is already opened (a forged, replayed or foreign one is the 400 page
 *    `INVALID_CURSOR`), and `nextPage(position)` gives the link to the next page — this page's address and filters
 *    with the position sealed, bound to the route, its path parameters, its filters and the person. A raw storage
 *    position never reaches the browser, and a list page cannot forget to seal one.
 * 6. The session is renewed (sliding `lastSeenAt`) on every use.
 *
 * The wiring (key set, OIDC client, clock) is composition's (`lambdas/composition/console.ts`) and the shell is a
 * presenter's: this one file is allowed to import both (`.dependency-cruiser.cjs`), so page handlers need only
 * `consoleRoute(contract, fn)`.
 *
 * @example
 * export const handler = consoleRoute(consoleMyLicencesRoute, async ({ viewer, ctx }) => ({
 *   kind: 'page', title: { zh: '我的许可证', en: 'My licences' }, body: licencesBody(await list(viewer), ctx),
 * }));
 */
import middy from '@middy/core';
import type { z } from 'zod';
import { consoleDeps } from '../composition/console';
import {
  DEFAULT_MAX_BODY_BYTES,
  isPaginated,
  PAGING_QUERY_KEYS,
  type Role,
  type RouteContract,
  type Schema,
} from '../contracts/route';
import type { ErrorCode } from '../domain/error-catalogue';
import { type FieldIssue, ForbiddenError, PermitError, UnauthenticatedError, ValidationError } from '../domain/errors';
import type { Viewer } from '../domain/viewer';
import type { ConsoleContext, Lang } from '../presenters/console/context';
import { errorBody, errorTitle } from '../presenters/console/error-page';
import { type PageScript, renderShell } from '../presenters/console/shell';
import { COOKIES, readCookies, setCookie } from './console/cookies';
import { CONSOLE_PATHS, type ConsoleDeps } from './console/deps';
import { finishConsoleResponse } from './console/response';
import { ABSOLUTE_TIMEOUT_MS, type ConsoleSession, liveSession } from './console/session';
import { cursorBinding } from './cursors/guard';
import { type HttpEvent, type HttpResult, html, parseRequestPart, type RouteHandler } from './http';
import { hasRole, type Identity, viewerOf } from './identity';
import { logger } from './logger';
import { statusOf } from './problem-status';

type Infer<T> = T extends Schema ? z.output<T> : undefined;
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
  /** The session's roles (from the identity provider): which actions a page offers (the use cases still decide). */
  readonly roles: readonly Role[];
  /**
   * A list page's link to its next page (undefined when the list ended): this page's path and filters, with the
   * repository position sealed for them and this person. Only for a contract with a `cursor` query parameter.
   */
  readonly nextPage: (position: string | undefined) => Promise<string | undefined>;
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
      /** The page's own scripts (served from our origin, like the console's). */
      readonly scripts?: readonly PageScript[];
      /**
       * The GET page this one stands for — a form drawn again after its POST (422): the shell's language and
       * large-text switches are GET links, so they go there rather than to the POST's path (which answers no GET).
       * A console path (`safeNext`); without it, a POST's page links to the page the form was sent from.
       */
      readonly returnPath?: string;
    }
  /** 303 See Other to a console path (after a POST: post/redirect/get). */
  | { readonly kind: 'redirect'; readonly to: string }
  /** A response made elsewhere (e.g. a 302 to a presigned PDF download). */
  | { readonly kind: 'raw'; readonly result: HttpResult };

/** Options of {@link consoleRoute} and {@link publicConsoleRoute}. */
export interface ConsoleRouteOptions {
  /** The pipeline's parts; defaults to the process's (`consoleDeps()`, read at the first request). Tests pass theirs. */
  readonly deps?: () => ConsoleDeps;
  /**
   * A list page's query parameters that change only what is shown (a notice after a change), not the list: left out
   * of its cursors' binding and of the link to the next page.
   */
  readonly displayOnly?: readonly string[];
}

/** What a public console route (sign-in, callback, assets) receives. */
export interface PublicConsoleRequest<C extends RouteContract> {
  readonly params: Infer<Req<C>['params']>;
  readonly query: Infer<Req<C>['query']>;
  readonly ctx: ConsoleContext;
  readonly event: HttpEvent;
  readonly cookies: ReadonlyMap<string, string>;
  readonly deps: ConsoleDeps;
}

/** A public console route's answer: a page or redirect as above, with cookies to set. */
export type PublicConsoleResult = ConsoleResult & { readonly cookies?: readonly string[] };

const PREFERENCE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** The request's path with its query, as the shell's switches and `next` need it. */
const pathOf = (event: HttpEvent): string =>
  `${event.rawPath ?? CONSOLE_PATHS.home}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;

/**
 * Where the shell's switches (GET links) point on a page drawn for a request: a GET's own path; for a POST (its form
 * again, an error), the console page the form was sent from (the `Referer` — same-origin under the console's
 * referrer policy — reduced to a console path by `safeNext`), else the console's start. Never the POST's path: a GET
 * there answers 404.
 *
 * @example
 * switchPathOf(postEvent); // '/console/applications/new?kind=new' (its Referer's path)
 */
export function switchPathOf(event: HttpEvent): string {
  const method = event.requestContext.http.method;
  if (method === 'GET' || method === 'HEAD') return pathOf(event);
  const referer = event.headers?.referer;
  if (!referer) return CONSOLE_PATHS.home;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return CONSOLE_PATHS.home;
  }
  const from = safeNext(`${url.pathname}${url.search}`);
  // The form's own path is no GET page either (a page drawn after a POST that sent its form from itself).
  return from === event.rawPath ? CONSOLE_PATHS.home : from;
}

/**
 * The reader's preferences from their cookies.
 *
 * @example
 * preferencesOf(new Map([['permit_lang', 'en']])); // { lang: 'en', largeText: false }
 */
export function preferencesOf(cookies: ReadonlyMap<string, string>): { lang: Lang; largeText: boolean } {
  return {
    lang: cookies.get(COOKIES.lang) === 'en' ? 'en' : 'zh-CN',
    largeText: cookies.get(COOKIES.text) === 'large',
  };
}

/** A GET carrying `lang` or `text`: set the cookie and redirect to the page without it. */
function preferenceSwitch(event: HttpEvent, deps: ConsoleDeps): HttpResult | undefined {
  if (event.requestContext.http.method !== 'GET' || !event.rawQueryString) return undefined;
  const query = new URLSearchParams(event.rawQueryString);
  const lang = query.get('lang');
  const text = query.get('text');
  if (lang === null && text === null) return undefined;
  const cookies: string[] = [];
  const secure = deps.secureCookies;
  if (lang !== null)
    cookies.push(
      setCookie(COOKIES.lang, lang === 'en' ? 'en' : 'zh-CN', { maxAgeSeconds: PREFERENCE_MAX_AGE_SECONDS, secure }),
    );
  if (text !== null) {
    cookies.push(
      text === 'large'
        ? setCookie(COOKIES.text, 'large', { maxAgeSeconds: PREFERENCE_MAX_AGE_SECONDS, secure })
        : setCookie(COOKIES.text, '', { maxAgeSeconds: 0, secure }),
    );
  }
  query.delete('lang');
  query.delete('text');
  const rest = query.toString();
  return seeOther(`${event.rawPath}${rest ? `?${rest}` : ''}`, cookies);
}

/**
 * 303 See Other to a path of our own (never an absolute URL taken from a request).
 *
 * @example
 * seeOther('/console/licences');
 */
export function seeOther(to: string, cookies: readonly string[] = []): HttpResult {
  return {
    statusCode: 303,
    headers: { location: to, 'cache-control': 'no-store' },
    ...(cookies.length > 0 ? { cookies: [...cookies] } : {}),
  };
}

/** A base no request can name: a `next` that resolves anywhere else is not a path of ours. */
const NEXT_BASE = 'https://console.invalid';

/**
 * Where to go after sign-in: `next` when it is a console path (under `/console` once resolved as a browser would —
 * `..`, `%2e%2e` — with no scheme or host, no `//`, no backslash, only printable ASCII), else the console's start. No
 * open redirect, and nothing that could split a `Location` header.
 *
 * @example
 * safeNext('/console/applications?x=1'); // '/console/applications?x=1'
 * safeNext('https://evil.example/'); // '/console'
 * safeNext('/console/../admin'); // '/console'
 * safeNext('/console/applications/APP-1?error=X#doc-test-report'); // kept, fragment and all
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !/^\/console(\/|\?|#|$)/.test(next) || next.includes('//') || next.includes('\\')) {
    return CONSOLE_PATHS.home;
  }
  if (!/^[\x21-\x7e]+$/.test(next)) return CONSOLE_PATHS.home;
  let url: URL;
  try {
    url = new URL(next, NEXT_BASE);
  } catch {
    return CONSOLE_PATHS.home;
  }
  if (url.origin !== NEXT_BASE || !/^\/console(\/|$)/.test(url.pathname)) return CONSOLE_PATHS.home;
  // The fragment too: a page sends the browser back to the part it concerns (`#doc-test-report`).
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The session's identity as the API's pipeline would read it from the token. */
const identityOf = (session: ConsoleSession): Identity => ({
  subject: session.sub,
  roles: session.roles,
  ...(session.uscc ? { uscc: session.uscc } : {}),
  name: session.name,
});

function sessionCookie(value: string, deps: ConsoleDeps, session: ConsoleSession, now: number): string {
  return setCookie(COOKIES.session, value, {
    secure: deps.secureCookies,
    maxAgeSeconds: (session.issuedAt + ABSOLUTE_TIMEOUT_MS - now) / 1000,
  });
}

/**
 * A new session's cookie (the sign-in callback), sealed now.
 *
 * @example
 * const cookie = await sessionSetCookie(deps, session);
 */
export async function sessionSetCookie(deps: ConsoleDeps, session: ConsoleSession): Promise<string> {
  const now = deps.clock.now();
  return sessionCookie(await deps.sealer.seal('session', session, now), deps, session, now.getTime());
}

/** The `Set-Cookie` that ends the session. */
export const endSessionCookie = (deps: ConsoleDeps): string =>
  setCookie(COOKIES.session, '', { maxAgeSeconds: 0, secure: deps.secureCookies });

/**
 * The live session of a request, or undefined.
 *
 * @example
 * const session = await sessionOf(deps, readCookies(event));
 */
export async function sessionOf(
  deps: ConsoleDeps,
  cookies: ReadonlyMap<string, string>,
): Promise<ConsoleSession | undefined> {
  const sealed = cookies.get(COOKIES.session);
  if (!sealed) return undefined;
  const now = deps.clock.now();
  return liveSession(await deps.sealer.open('session', sealed, now), now);
}

/** Form fields: one value as a string, a repeated name as an array (checkboxes). */
function formFields(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    if (name === '_csrf') continue;
    const values = params.getAll(name);
    out[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  if (x.length !== y.length || x.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
  return diff === 0;
}

function readForm(event: HttpEvent, contract: RouteContract): URLSearchParams {
  const type = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const accepted = contract.request?.bodyContentTypes ?? [FORM_TYPE];
  if (!type || !accepted.includes(type) || type !== FORM_TYPE) {
    throw new PermitError('UNSUPPORTED_MEDIA_TYPE', `a console form is sent as ${FORM_TYPE}`);
  }
  const raw = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  const max = contract.request?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (raw.length > max) throw new PermitError('PAYLOAD_TOO_LARGE', `the form exceeds ${max} bytes`);
  return new URLSearchParams(raw.toString('utf8'));
}

/** An error as a page in the shell (status from the catalogue; internals never shown). */
function errorPage(
  error: unknown,
  ctx: ConsoleContext,
  user: { name: string; roles: ConsoleSession['roles'] } | undefined,
  correlationId: string,
): HttpResult {
  let code: ErrorCode = 'INTERNAL';
  let message: string | undefined;
  let issues: readonly FieldIssue[] | undefined;
  if (error instanceof PermitError) {
    code = error.code;
    message = error.message;
    issues = error.details.issues;
    if (statusOf(code) >= 500) logger.error('dependency unavailable', { code, error, correlationId });
  } else {
    logger.error('unhandled console error', { error, correlationId });
  }
  const status = statusOf(code);
  const view = {
    code,
    status,
    ...(message && status < 500 ? { message } : {}),
    ...(issues && status < 500 ? { issues } : {}),
    ...(status >= 500 ? { correlationId } : {}),
  };
  const markup = renderShell({ ctx, title: errorTitle(status), body: errorBody(ctx, view), ...(user ? { user } : {}) });
  return html(status, markup, { 'cache-control': 'no-store' });
}

function toResult(
  result: ConsoleResult,
  ctx: ConsoleContext,
  user: { name: string; roles: ConsoleSession['roles'] } | undefined,
): HttpResult {
  // A page redirects within the console only: anything else goes to the console's start.
  if (result.kind === 'redirect') return seeOther(safeNext(result.to));
  if (result.kind === 'raw') return result.result;
  const markup = renderShell({
    ctx: result.returnPath ? { ...ctx, path: safeNext(result.returnPath) } : ctx,
    title: result.title,
    body: result.body,
    ...(user ? { user } : {}),
    ...(result.scripts ? { scripts: result.scripts } : {}),
  });
  return html(result.status ?? 200, markup, { 'cache-control': 'no-store' });
}

const correlationOf = (event: HttpEvent): string => event.requestContext?.requestId ?? crypto.randomUUID();

/** The path parameters and query of a console request, parsed by the contract with the API's parser. */
function paramsAndQuery<C extends RouteContract>(
  contract: C,
  event: HttpEvent,
): { params: Infer<Req<C>['params']>; query: Infer<Req<C>['query']> } {
  const req = contract.request ?? {};
  const query = Object.fromEntries(new URLSearchParams(event.rawQueryString ?? ''));
  return {
    params: parseRequestPart(req.params, event.pathParameters ?? {}, 'path') as Infer<Req<C>['params']>,
    query: parseRequestPart(req.query, query, 'query') as Infer<Req<C>['query']>,
  };
}

type Paging = Pick<ConsoleRequest<RouteContract>, 'query' | 'nextPage'>;

const NO_NEXT_PAGE = async (): Promise<undefined> => undefined;

/**
 * A list page's cursors (see the module's description, step 5): the incoming one opened, the next page's link made
 * with the next one sealed for the same route, path parameters, filters and person.
 */
async function paging(
  contract: RouteContract,
  event: HttpEvent,
  parsed: { params: unknown; query: unknown },
  identity: Identity,
  deps: ConsoleDeps,
  displayOnly: readonly string[],
): Promise<Paging> {
  const query = (parsed.query ?? {}) as Record<string, unknown>;
  if (!isPaginated(contract)) return { query, nextPage: NO_NEXT_PAGE };
  const guard = deps.cursors;
  if (!guard) throw new Error(`console page ${contract.operationId} pages a list: its deps need a cursor guard`);
  const filters = Object.fromEntries(Object.entries(query).filter(([k]) => !displayOnly.includes(k)));
  const binding = cursorBinding(contract, { params: parsed.params, query: filters, identity });
  const sealed = typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : undefined;
  const { cursor: _sealed, ...rest } = query;
  const opened = { ...rest, ...(sealed ? { cursor: await guard.open(sealed, binding) } : {}) };
  return {
    query: opened,
    nextPage: async (position) => {
      if (!position) return undefined;
      const link = new URLSearchParams(event.rawQueryString ?? '');
      for (const key of [...PAGING_QUERY_KEYS, ...displayOnly]) link.delete(key);
      link.set('cursor', await guard.seal(position, binding));
      return `${event.rawPath}?${link.toString()}`;
    },
  };
}

function build<C extends RouteContract>(
  contract: C,
  run: (
    event: HttpEvent,
    deps: ConsoleDeps,
    correlationId: string,
    cookies: ReturnType<typeof readCookies>,
  ) => Promise<HttpResult>,
  options: ConsoleRouteOptions | undefined,
): RouteHandler<C> {
  const depsOf = options?.deps ?? consoleDeps;
  const handler = middy<HttpEvent, HttpResult>().handler(async (event) => {
    const deps = depsOf();
    const correlationId = correlationOf(event);
    // A language or text-size switch answers at once, whatever the route (with or without a session).
    const result = preferenceSwitch(event, deps) ?? (await run(event, deps, correlationId, readCookies(event)));
    const finished = finishConsoleResponse(result, event, deps.origins);
    return { ...finished, headers: { ...finished.headers, 'x-correlation-id': correlationId } };
  });
  return Object.assign(handler, { contract }) as unknown as RouteHandler<C>;
}

/**
 * A console page behind the session: see the module's description for the pipeline.
 *
 * @example
 * export const handler = consoleRoute(consoleMyLicencesRoute, async ({ viewer, ctx }) => ({ kind: 'page', title, body }));
 */
export function consoleRoute<C extends RouteContract>(
  contract: C,
  fn: (request: ConsoleRequest<C>) => Promise<ConsoleResult>,
  options?: ConsoleRouteOptions,
): RouteHandler<C> {
  return build(
    contract,
    async (event, deps, correlationId, cookies) => {
      const method = event.requestContext.http.method;
      const path = pathOf(event);
      const session = await sessionOf(deps, cookies);
      const prefs = preferencesOf(cookies);
      const ctx: ConsoleContext = { ...prefs, csrfToken: session?.csrf ?? '', path: switchPathOf(event) };
      if (!session) {
        const ended = cookies.has(COOKIES.session) ? [endSessionCookie(deps)] : [];
        if (method === 'GET') {
          return seeOther(`${CONSOLE_PATHS.signIn}?next=${encodeURIComponent(path)}`, ended);
        }
        const page = errorPage(
          new UnauthenticatedError('SESSION_REQUIRED', 'the console session is missing or has ended'),
          ctx,
          undefined,
          correlationId,
        );
        return { ...page, ...(ended.length > 0 ? { cookies: ended } : {}) };
      }
      const user = { name: session.name, roles: session.roles };
      const now = deps.clock.now();
      const renewed = { ...session, lastSeenAt: now.getTime() };
      const renew = sessionCookie(await deps.sealer.seal('session', renewed, now), deps, renewed, now.getTime());
      let result: HttpResult;
      let parsingForm = false;
      try {
        const identity = identityOf(session);
        if (Array.isArray(contract.access) && !hasRole(identity, contract.access)) {
          throw new ForbiddenError('FORBIDDEN', `this page is for: ${contract.access.join(', ')}`);
        }
        const viewer = viewerOf(identity);
        let form: unknown;
        if (method !== 'GET' && method !== 'HEAD') {
          const fields = readForm(event, contract);
          if (!sameToken(fields.get('_csrf') ?? '', session.csrf)) {
            throw new ForbiddenError('CSRF_TOKEN_INVALID', 'the form did not carry this session’s CSRF token');
          }
          // The API's parser: a field's refinement keeps its own code (e.g. TEXT_NOT_PRINTABLE) on the page too.
          parsingForm = true;
          form = parseRequestPart(contract.request?.body, formFields(fields), 'form');
          parsingForm = false;
        }
        const parsed = paramsAndQuery(contract, event);
        const request = {
          ...parsed,
          ...(await paging(contract, event, parsed, identity, deps, options?.displayOnly ?? [])),
          form,
          viewer,
          name: session.name,
          roles: session.roles,
          ctx,
          event,
        } as ConsoleRequest<C>;
        result = toResult(await fn(request), ctx, user);
      } catch (error) {
        // A form whose fields fail the contract's schema is shown as 422 (the form again, with its errors).
        result =
          parsingForm && error instanceof ValidationError
            ? { ...errorPage(error, ctx, user, correlationId), statusCode: 422 }
            : errorPage(error, ctx, user, correlationId);
      }
      // Sliding renewal — unless the page itself ended the session (sign-out).
      const ends = result.cookies?.some((c) => c.startsWith(`${COOKIES.session}=;`)) ?? false;
      return { ...result, cookies: [...(result.cookies ?? []), ...(ends ? [] : [renew])] };
    },
    options,
  );
}

/**
 * A console route without a session (sign-in, the callback, signed out, assets): the same headers and compression,
 * the reader's preferences, and error pages for what it throws.
 *
 * @example
 * export const handler = publicConsoleRoute(signInPage, async ({ query, deps }) => ({ kind: 'redirect', to }));
 */
export function publicConsoleRoute<C extends RouteContract>(
  contract: C,
  fn: (request: PublicConsoleRequest<C>) => Promise<PublicConsoleResult>,
  options?: ConsoleRouteOptions,
): RouteHandler<C> {
  return build(
    contract,
    async (event, deps, correlationId, cookies) => {
      const ctx: ConsoleContext = { ...preferencesOf(cookies), csrfToken: '', path: switchPathOf(event) };
      try {
        const result = await fn({
          ...paramsAndQuery(contract, event),
          ctx,
          event,
          cookies,
          deps,
        });
        const out =
          result.kind === 'redirect'
            ? { statusCode: 303, headers: { location: result.to, 'cache-control': 'no-store' } }
            : toResult(result, ctx, undefined);
        return result.cookies && result.cookies.length > 0 ? { ...out, cookies: [...result.cookies] } : out;
      } catch (error) {
        // A signed-in reader (e.g. on a mistyped address) keeps their name, navigation and sign-out on the error page.
        const session = await sessionOf(deps, cookies).catch(() => undefined);
        return session
          ? errorPage(
              error,
              { ...ctx, csrfToken: session.csrf },
              { name: session.name, roles: session.roles },
              correlationId,
            )
          : errorPage(error, ctx, undefined, correlationId);
      }
    },
    options,
  );
}
