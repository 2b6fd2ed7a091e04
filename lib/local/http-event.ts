/**
 * Build the API Gateway HTTP API **payload format 2.0** event for a request, field for field as the cloud does:
 * header names lower-cased and repeated headers joined with commas; the `cookie` header moved into `cookies`;
 * repeated query parameters joined with commas; `rawPath` and parameters percent-decoded once (HTTP APIs decode them:
 * see {@link decodeRequestPath});
 * the body as UTF-8 text for `text/*`, `application/json`, `application/xml` and `application/javascript`, else
 * base64 with `isBase64Encoded: true` (a missing content type counts as binary, as in the cloud).
 *
 * @example
 * const event = buildHttpApiEvent(request, { routeKey: 'GET /health', pathParameters: {} }, context);
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** What the gateway knows about an incoming request. */
export interface IncomingRequestParts {
  readonly method: string;
  /** Request target as received: `/path?query`. */
  readonly url: string;
  /** Node's `rawHeaders`: name, value, name, value, … in arrival order, case as sent. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly localPort: number;
  readonly httpVersion: string;
}

export interface EventContext {
  readonly requestId: string;
  readonly now: Date;
  readonly accountId: string;
  readonly apiId: string;
  /** Verified claims and scopes, present only for routes behind the JWT authorizer. */
  readonly authorizer?: { readonly claims: Record<string, string>; readonly scopes: string[] | null };
}

export interface RouteMatchParts {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
}

const TEXT_TYPES = ['application/json', 'application/xml', 'application/javascript'];

/** Whether API Gateway would pass this body as text (measured against HTTP APIs; everything else is base64). */
export function isTextContentType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!type) return false;
  return type.startsWith('text/') || TEXT_TYPES.includes(type);
}

/**
 * Random bytes drawn from a pool refilled 4 KiB at a time: two ids per request, each its own `randomBytes` call, were
 * a measurable share of a verification through the gateway.
 */
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let poolAt = 0;
function randomSlice(n: number): Buffer {
  if (poolAt + n > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  poolAt += n;
  return pool.subarray(poolAt - n, poolAt);
}

/** API Gateway request ids look like `JKJaXmPLvHcESHA=`. */
export const newRequestId = (): string => randomSlice(11).toString('base64');

/** `Root=1-<8 hex seconds>-<24 hex>`, the X-Ray trace header API Gateway adds. */
const traceId = (now: Date): string =>
  `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomSlice(12).toString('hex')}`;

/**
 * An upper bound of the event's JSON size in bytes from what went into it: JSON escapes a byte into at most six
 * characters (`\u0000`), base64 needs 4 per 3, and the fixed fields take well under 16 KiB. Below Lambda's payload limit it
 * spares serialising the event only to measure it.
 *
 * @example
 * if (eventSizeBound(req.url, req.rawHeaders, body) > MAX_LAMBDA_PAYLOAD_BYTES) { … measure the event … }
 */
export function eventSizeBound(url: string, rawHeaders: readonly string[], body: Buffer): number {
  let headerChars = 0;
  for (const part of rawHeaders) headerChars += part.length;
  // A character of the URL or of a header appears at most six times in the event (path, `rawPath`, a parameter; the
  // host in the headers, the domain name and its prefix) and takes at most six bytes each time (`\u0000`).
  return 16 * 1024 + 6 * 6 * (url.length + headerChars) + 6 * body.length;
}

/** `27/Nov/2026:08:00:00 +0000` — API Gateway's `requestContext.time` format. */
export function apiGatewayTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/**
 * The request path as API Gateway HTTP APIs hand it on, or `undefined` for a path they refuse with 400.
 *
 * - Percent-escapes are decoded, once, for the whole path before routing: `rawPath` arrives decoded, an encoded
 *   `/` (`%2F`) separates segments like a literal one, and path parameters are segments of the decoded path. No
 *   handler decodes again.
 * - A path whose escapes do not decode (`%E0%A4%A`, a bare `%zz`, bytes that are not UTF-8) is refused with 400
 *   before any function runs.
 * - A decoded `?` ends the path (HTTP APIs truncate `rawPath` there).
 *
 * Sources: the AWS developer guide, "Create routes for HTTP APIs" ("API Gateway decodes URL-encoded request
 * parameters before passing them to your backend integration"); live HTTP API captures in hotsock/voker
 * (`vokerhttp/testdata/ingress-paths.json`: `%20` → space, `%2F` → `/`, `%3F` truncates, an undecodable path is
 * rejected with 400), cited by middleapi/standard-server#93. Those captures also show a *second* decoding pass of
 * `rawPath` (`%252F` → `/`) under a `$default` route; nothing documents that for path parameters, so the local
 * gateway decodes once, as the developer guide states.
 *
 * @example
 * decodeRequestPath('/v1/certificates/%28%E9%84%82%29XK06-001-00001'); // '/v1/certificates/(鄂)XK06-001-00001'
 * decodeRequestPath('/v1/certificates/%E0%A4%A'); // undefined → 400
 */
export function decodeRequestPath(encodedPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return undefined;
  }
  const query = decoded.indexOf('?');
  return query === -1 ? decoded : decoded.slice(0, query);
}

/** Lower-cased headers with repeats joined by commas, and the cookies, from Node's raw header list. */
export function collectHeaders(rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Query parameters with repeats joined by commas, or undefined when there are none. */
export function collectQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    out[key] = key in out ? `${out[key]},${value}` : value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The payload 2.0 event for one request, its matched route and (for authorised routes) the verified claims.
 *
 * @example
 * buildHttpApiEvent(parts, { routeKey: 'GET /health', pathParameters: {} }, { requestId, now, accountId, apiId });
 */
export function buildHttpApiEvent(
  request: IncomingRequestParts,
  route: RouteMatchParts,
  context: EventContext,
): APIGatewayProxyEventV2 {
  const queryAt = request.url.indexOf('?');
  const encodedPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
  const rawPath = decodeRequestPath(encodedPath) ?? encodedPath;
  const { headers, cookies } = collectHeaders(request.rawHeaders);
  // Headers API Gateway adds in front of every integration.
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] = traceId(context.now);
  const queryStringParameters = collectQuery(rawQueryString);
  const hasBody = request.body.length > 0;
  const text = isTextContentType(headers['content-type']);
  const host = headers.host ?? `127.0.0.1:${request.localPort}`;
  const event: APIGatewayProxyEventV2 & {
    requestContext: { authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } } };
  } = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: apiGatewayTime(context.now),
      timeEpoch: context.now.getTime(),
      ...(context.authorizer ? { authorizer: { jwt: { ...context.authorizer } } } : {}),
    },
    ...(Object.keys(route.pathParameters).length > 0 ? { pathParameters: { ...route.pathParameters } } : {}),
    ...(hasBody ? { body: text ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !text,
  };
  return event;
}
