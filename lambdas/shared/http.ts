/**
 * The HTTP handler pipeline every route uses: a middy handler with a correlation-id middleware, one error middleware
 * (errors → `application/problem+json`, messages only for 4xx), and a request parser that enforces the route
 * contract — access, content type, size, JSON, and the zod schemas for path, query, headers and body. A `signed`
 * route names its authenticator, which runs on the raw request before anything is parsed or validated, so a caller
 * without a valid signature learns nothing about the schema.
 *
 * @example
 * export const handler = httpRoute(getCertificate, async ({ params, identity }) =>
 *   json(200, await useCase(params.licenceNo, identity)));
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { Problem } from '../contracts/problem';
import { DEFAULT_MAX_BODY_BYTES, isPaginated, type RouteContract, type Schema } from '../contracts/route';
import { type ErrorCode, type ErrorCodeOf, isErrorCode, kindOfCode } from '../domain/error-catalogue';
import { type FieldIssue, ForbiddenError, PermitError, UnauthenticatedError, ValidationError } from '../domain/errors';
import type { InvocationMetrics } from '../ports/metrics';
import { type CursorGuard, cursorBinding } from './cursors/guard';
import { hasRole, type Identity, readIdentity } from './identity';
import { logger } from './logger';
import { flushMetrics } from './metrics-flush';
import { STATUS_BY_KIND, statusOf } from './problem-status';
import { tracing } from './tracer';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

// Issue messages reach the client (`errors[].message`). Classic `zod` loads its English messages itself; `zod/mini`
// (the verify routes' contracts) does not, so load them here, where requests are parsed, for the same answer either way.
z.config(en());

type Infer<T> = T extends Schema ? z.output<T> : undefined;
type Req<C extends RouteContract> = NonNullable<C['request']>;

export interface ParsedRequest<C extends RouteContract> {
  readonly params: Infer<Req<C>['params']>;
  readonly query: Infer<Req<C>['query']>;
  readonly headers: Infer<Req<C>['headers']>;
  readonly body: Infer<Req<C>['body']>;
  /** The raw body bytes (for non-JSON bodies such as PDFs), or undefined when there is none. */
  readonly rawBody: Buffer | undefined;
  /** The verified caller, or undefined on public routes without a token. */
  readonly identity: Identity | undefined;
  readonly correlationId: string;
  readonly event: HttpEvent;
}

const BASE_HEADERS = { 'x-content-type-options': 'nosniff' } as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...BASE_HEADERS,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, markup: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', ...BASE_HEADERS, ...headers },
    body: markup,
  };
}

export function redirect(location: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: 302, headers: { location, 'cache-control': 'no-store', ...BASE_HEADERS, ...headers } };
}

/**
 * A problem response for a catalogued code, with the status of the code's kind.
 *
 * @example
 * problemResponse('ROUTE_NOT_FOUND', 'this function does not serve GET /x'); // 404
 */
export function problemResponse(code: ErrorCode, detail: string | undefined, extra: Partial<Problem> = {}): HttpResult {
  const status = statusOf(code);
  const body: Problem = {
    type: `urn:permit:problem:${code.toLowerCase()}`,
    title: detail ?? (status >= 500 ? 'Internal error' : code),
    status,
    code,
    ...(detail !== undefined ? { detail } : {}),
    ...extra,
  };
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      ...BASE_HEADERS,
    },
    body: JSON.stringify(body),
  };
}

/** Map any thrown value to a problem response. Unexpected errors become a generic 500; the cause goes to the log. */
export function errorToResponse(error: unknown, correlationId: string): HttpResult {
  if (error instanceof PermitError) {
    const status = STATUS_BY_KIND[error.kind];
    if (status >= 500) {
      logger.error('dependency unavailable', { code: error.code, error, correlationId });
      return problemResponse(error.code, 'A service Permit depends on is unavailable; try again shortly.', {
        correlationId,
      });
    }
    const issues = error.details.issues;
    return problemResponse(error.code, error.message, {
      correlationId,
      ...(issues && issues.length > 0 ? { errors: [...issues] } : {}),
    });
  }
  logger.error('unhandled error', { error, correlationId });
  return problemResponse('INTERNAL', 'Internal error', { correlationId });
}

export function zodIssues(error: z.core.$ZodError, location: string): FieldIssue[] {
  return error.issues.map((i) => ({
    field: [location, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}

/** The params of the first refinement issue that carries a catalogued `invalid` code (they are untyped). */
function refinementOf(error: z.core.$ZodError): { code: ErrorCodeOf<'invalid'>; title?: unknown } | undefined {
  for (const issue of error.issues) {
    const params = issue.code === 'custom' ? (issue.params as { code?: unknown; title?: unknown } | undefined) : {};
    const code = params?.code;
    if (isInvalidCode(code)) return { code, title: params?.title };
  }
  return undefined;
}

/**
 * A refinement's own code (`TEXT_NOT_PRINTABLE`, `FILE_NAME_INVALID`; see `contracts/text.ts`), else
 * `INVALID_REQUEST`. The params of a zod issue are untyped, so only a catalogued `invalid` code is taken.
 */
function issueCodeOf(error: z.core.$ZodError): ErrorCodeOf<'invalid'> {
  return refinementOf(error)?.code ?? 'INVALID_REQUEST';
}

/**
 * The message of a value object the contract parses (`LICENCE_NUMBER_FORMAT`'s, see `contracts/value-objects.ts`),
 * else `invalid {location}`.
 */
function issueTitleOf(error: z.core.$ZodError, location: string): string {
  const title = refinementOf(error)?.title;
  return typeof title === 'string' ? title : `invalid ${location}`;
}

const isInvalidCode = (code: unknown): code is ErrorCodeOf<'invalid'> =>
  isErrorCode(code) && kindOfCode(code) === 'invalid';

/**
 * Parse one part of a request (path, query, body, a console form) by its contract's schema; a failure is a
 * `ValidationError` with the refinement's own code (else `INVALID_REQUEST`) and one issue per field — the same for the
 * API and the console's pages, so a field's code is the same in both.
 *
 * @example
 * parseRequestPart(z.object({ limit: z.coerce.number() }), { limit: '5' }, 'query'); // { limit: 5 }
 */
export function parseRequestPart<T extends Schema | undefined>(schema: T, value: unknown, location: string): Infer<T> {
  if (!schema) return undefined as Infer<T>;
  const result = z.safeParse(schema, value ?? {});
  if (!result.success) {
    const issues = zodIssues(result.error, location);
    throw new ValidationError(issueCodeOf(result.error), issueTitleOf(result.error, location), issues);
  }
  return result.data as Infer<T>;
}

function decodeBody(event: HttpEvent): Buffer | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/** Parse and validate a request against its contract. Exported for tests. */
export function parseRequest<C extends RouteContract>(
  contract: C,
  event: HttpEvent,
  correlationId: string,
): ParsedRequest<C> {
  const identity = readIdentity(event);
  if (contract.access !== 'public' && contract.access !== 'signed') {
    if (!identity) throw new UnauthenticatedError('UNAUTHENTICATED', 'a valid bearer token is required');
    if (!hasRole(identity, contract.access)) {
      throw new ForbiddenError('FORBIDDEN', `this operation requires one of the roles: ${contract.access.join(', ')}`);
    }
  }
  const req = contract.request ?? {};
  const rawBody = decodeBody(event);
  let body: unknown;
  if (req.body) {
    const max = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (rawBody && rawBody.length > max) {
      throw new PermitError('PAYLOAD_TOO_LARGE', `request body exceeds ${max} bytes`);
    }
    const accepted = req.bodyContentTypes ?? ['application/json'];
    const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!rawBody || rawBody.length === 0) {
      throw new ValidationError('BODY_REQUIRED', 'a request body is required', [
        { field: 'body', message: 'required' },
      ]);
    }
    if (!accepted.includes(contentType)) {
      throw new PermitError('UNSUPPORTED_MEDIA_TYPE', `content-type must be one of: ${accepted.join(', ')}`);
    }
    if (contentType === 'application/json') {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new ValidationError('MALFORMED_JSON', 'request body is not valid JSON', [
          { field: 'body', message: 'not valid JSON' },
        ]);
      }
      body = parseRequestPart(req.body, body, 'body');
    } else {
      body = parseRequestPart(req.body, rawBody, 'body');
    }
  }
  const query = Object.fromEntries(new URLSearchParams(event.rawQueryString ?? ''));
  return {
    params: parseRequestPart(req.params, event.pathParameters ?? {}, 'path') as Infer<Req<C>['params']>,
    query: parseRequestPart(req.query, query, 'query') as Infer<Req<C>['query']>,
    headers: parseRequestPart(req.headers, event.headers ?? {}, 'header') as Infer<Req<C>['headers']>,
    body: body as Infer<Req<C>['body']>,
    rawBody,
    identity,
    correlationId,
    event,
  };
}

interface CorrelatedContext extends Context {
  correlationId?: string;
}

/** Correlation id from `x-correlation-id`, else the API Gateway request id; echoed on every response and log line. */
const correlation = (): MiddlewareObj<HttpEvent, HttpResult, Error, CorrelatedContext> => ({
  before: (request) => {
    const fromHeader = request.event.headers?.['x-correlation-id'];
    const id =
      fromHeader && /^[A-Za-z0-9._-]{1,128}$/.test(fromHeader)
        ? fromHeader
        : (request.event.requestContext?.requestId ?? request.context.awsRequestId ?? crypto.randomUUID());
    request.context.correlationId = id;
    logger.appendKeys({ correlationId: id });
  },
  after: (request) => {
    const id = request.context.correlationId;
    if (id && request.response) request.response.headers = { ...request.response.headers, 'x-correlation-id': id };
    logger.removeKeys(['correlationId']);
  },
  onError: (request) => {
    const id = request.context.correlationId ?? 'unknown';
    request.response = errorToResponse(request.error, id);
    request.response.headers = { ...request.response.headers, 'x-correlation-id': id };
    logger.removeKeys(['correlationId']);
  },
});

/** The Lambda handler of one route, carrying its contract (so a function serving several is routed by them). */
export type RouteHandler<C extends RouteContract = RouteContract> = middy.MiddyfiedHandler<
  HttpEvent,
  HttpResult,
  Error,
  CorrelatedContext
> & { readonly contract: C };

/**
 * Authenticates a `signed` route's request from its raw form (headers and body bytes exactly as received); throws
 * an `UnauthenticatedError` (401) to refuse it.
 */
export type RequestAuthenticator = (request: {
  readonly event: HttpEvent;
  readonly rawBody: Buffer | undefined;
}) => Promise<void>;

export interface HttpRouteOptions {
  /** Seals and opens the cursors of a paginated route — required for one (`cursorGuard()` in composition/cursors.ts). */
  readonly cursors?: CursorGuard;
  /** The metrics this route records, published at the end of each invocation (answered or failed). */
  readonly metrics?: InvocationMetrics;
}

/** Options of {@link httpRoute}: a `signed` route must name its authenticator; other routes take none. */
export type RouteOptions<C extends RouteContract> = HttpRouteOptions &
  (C['access'] extends 'signed' ? { readonly authenticate: RequestAuthenticator } : { readonly authenticate?: never });

/** A 2xx JSON body's top-level `cursor` (a repository position), sealed for this binding. */
async function sealResponseCursor(result: HttpResult, guard: CursorGuard, binding: string): Promise<HttpResult> {
  const status = result.statusCode ?? 200;
  if (status < 200 || status > 299 || typeof result.body !== 'string') return result;
  let body: unknown;
  try {
    body = JSON.parse(result.body);
  } catch {
    return result;
  }
  if (!body || typeof body !== 'object' || typeof (body as { cursor?: unknown }).cursor !== 'string') return result;
  const page = body as { cursor: string };
  return { ...result, body: JSON.stringify({ ...page, cursor: await guard.seal(page.cursor, binding) }) };
}

/**
 * Build a Lambda handler for one route contract.
 *
 * - A `signed` route names its authenticator in `options.authenticate`; it runs first — before the body's size,
 *   type, JSON or schema is looked at.
 * - A paginated contract (a `cursor` query parameter) has its cursors handled here with `options.cursors`, without
 *   which it is refused at once (cold start): the incoming cursor is opened — bound to this route, its filters and
 *   the caller, else `400 INVALID_CURSOR` — before `fn` runs, and the outgoing one is sealed.
 *
 * @example
 * export const handler = httpRoute(carrierEventsRoute, async ({ body }) => json(200, await use(body)), {
 *   authenticate: async ({ event, rawBody }) => verifySignature({ headers: event.headers, body: rawBody, … }),
 * });
 */
export function httpRoute<C extends RouteContract>(
  contract: C,
  fn: (request: ParsedRequest<C>) => Promise<HttpResult>,
  ...[options]: C['access'] extends 'signed' ? [RouteOptions<C>] : [RouteOptions<C>?]
): RouteHandler<C> {
  const authenticate = options?.authenticate;
  // Fail at cold start: a signed route without its check would accept anyone.
  if (contract.access === 'signed' && !authenticate) {
    throw new Error(`${contract.operationId} is a signed route but names no authenticator`);
  }
  const cursors = isPaginated(contract) ? options?.cursors : undefined;
  if (isPaginated(contract) && !cursors) {
    throw new Error(`route ${contract.operationId} pages a list: give httpRoute { cursors: cursorGuard() }`);
  }
  cursors?.warm();
  const pipeline = middy<HttpEvent, HttpResult, Error, CorrelatedContext>().use(correlation());
  if (tracing) pipeline.use(tracing.traceHandler());
  if (options?.metrics) pipeline.use(flushMetrics<HttpEvent, HttpResult, Error, CorrelatedContext>(options.metrics));
  const handler = pipeline.handler(async (event, context) => {
    if (authenticate) await authenticate({ event, rawBody: decodeBody(event) });
    const request = parseRequest(contract, event, context.correlationId ?? 'unknown');
    if (!cursors) return fn(request);
    const binding = cursorBinding(contract, request);
    const sealed = (request.query as { cursor?: unknown } | undefined)?.cursor;
    const opened =
      typeof sealed === 'string' && sealed !== ''
        ? { ...request, query: { ...request.query, cursor: await cursors.open(sealed, binding) } }
        : request;
    return sealResponseCursor(await fn(opened), cursors, binding);
  });
  return Object.assign(handler, { contract });
}
