/**
 * A route contract is the single source of truth for one HTTP operation: the same zod schemas validate requests in
 * the handler, generate the OpenAPI 3.1 document, and (through `lambdas/functions.ts`) create the API Gateway route
 * in CDK and in the local gateway.
 *
 * @example
 * export const getHealth = defineRoute({
 *   operationId: 'getHealth', method: 'GET', path: '/health', access: 'public', summary: 'Dependency health',
 *   tags: ['ops'], responses: { 200: { description: 'All up', schema: HealthBody, example: { status: 'up' } } },
 * });
 */
import * as z from 'zod/mini';

/**
 * Any zod 4 schema, classic (`zod`) or mini (`zod/mini`): they share one core, so both validate requests and become
 * JSON Schema alike. The public verify routes' contracts use `zod/mini` to keep that function's bundle small.
 *
 * @example
 * const body: Schema = z.object({ qr: z.string() });
 */
export type Schema = z.core.$ZodType;

/**
 * An object schema of either flavour, with its fields.
 *
 * @example
 * const params: ObjectSchema = z.object({ licenceNo: z.string() });
 */
export type ObjectSchema = z.core.$ZodObject & { readonly shape: z.core.$ZodShape };

export const ROLES = ['officer', 'reviewer', 'admin', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];
/** Authority staff. */
export const STAFF: readonly Role[] = ['officer', 'reviewer', 'admin'];

/** `ANY` matches every method a more specific route does not take (API Gateway HTTP APIs' `ANY`). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

/**
 * Who may call a route: `public` (no token), `signed` (no token; the handler authenticates the request itself,
 * e.g. an HMAC-signed webhook), or a list of roles (a valid bearer token carrying one of them).
 */
export type Access = 'public' | 'signed' | readonly Role[];

export interface ResponseContract {
  readonly description: string;
  readonly schema?: Schema;
  /** Defaults to `application/json`. */
  readonly contentType?: string;
  readonly example?: unknown;
  readonly headers?: Readonly<Record<string, { readonly description: string }>>;
}

export interface RequestContract {
  readonly params?: ObjectSchema;
  readonly query?: ObjectSchema;
  /** Header names in lower case. */
  readonly headers?: ObjectSchema;
  readonly body?: Schema;
  /** Content types accepted for the body; defaults to `['application/json']`. Non-JSON bodies arrive as bytes. */
  readonly bodyContentTypes?: readonly string[];
  /** Largest accepted body in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number;
  readonly bodyExample?: unknown;
}

export interface RouteContract {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/certificates/{licenceNo}`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly request?: RequestContract;
  readonly responses: Readonly<Record<number, ResponseContract>>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Identity function that keeps the literal types of a contract. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

/** `GET /v1/x/{id}` — the API Gateway route key of a contract. */
export const routeKey = (c: Pick<RouteContract, 'method' | 'path'>): string => `${c.method} ${c.path}`;

/**
 * The paging parameters of a list route's query (spread into its `z.object`).
 *
 * @example
 * request: { query: z.object({ ...PAGE_QUERY }) }
 */
export const PAGE_QUERY = {
  cursor: z.optional(z.string().check(z.maxLength(2048))).check(z.describe('Cursor from the previous page')),
  limit: z
    .optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)))
    .check(z.describe('Page size (default 25)')),
};

/**
 * The `Idempotency-Key` header's value: 8–128 characters of `[A-Za-z0-9._:-]` (a UUID fits), described per route.
 *
 * @example
 * headers: z.object({ 'idempotency-key': idempotencyKey('the same key and body return the same certificate') })
 */
export const idempotencyKey = (description: string) =>
  z
    .string()
    .check(z.regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8–128 characters of [A-Za-z0-9._:-]'), z.describe(description));

/** Query parameters that page a list rather than filter it: a cursor is bound to everything else. */
export const PAGING_QUERY_KEYS: readonly string[] = ['cursor', 'limit'];

/**
 * Whether a route pages a list: its query has a `cursor` parameter. The HTTP pipeline (`lambdas/shared/http.ts`)
 * seals and opens the cursors of exactly these routes, so a new list route is protected by declaring `cursor`.
 *
 * @example
 * isPaginated(listCertificatesRoute); // true
 */
export const isPaginated = (c: Pick<RouteContract, 'request'>): boolean => c.request?.query?.shape.cursor !== undefined;

/**
 * Where the web console lives. A route whose path is under it is a **console route**: an HTML page behind the
 * console's session cookie (`lambdas/shared/console-route.ts`), not a bearer-token API route. Told apart by the path
 * alone, so a console contract needs no flag to be treated right: the API's JWT authorizer is not attached to it (CDK
 * `PermitHttpApi`, the local gateway) even when its `access` names roles — the roles are checked against the session
 * instead — and the OpenAPI document (the bearer-token API's description) leaves it out.
 */
export const CONSOLE_PATH_PREFIX = '/console';

/**
 * Whether a route is one of the console's (see {@link CONSOLE_PATH_PREFIX}).
 *
 * @example
 * isConsoleRoute({ path: '/console/licences' }); // true
 * isConsoleRoute({ path: '/v1/me/certificates' }); // false
 */
export const isConsoleRoute = (c: Pick<RouteContract, 'path'>): boolean =>
  c.path === CONSOLE_PATH_PREFIX || c.path.startsWith(`${CONSOLE_PATH_PREFIX}/`);
