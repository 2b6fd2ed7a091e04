/**
 * Turn what a function returned into the HTTP response API Gateway would send (payload format 2.0):
 * - a structured result `{ statusCode, headers, cookies, body, isBase64Encoded }` is sent as is, cookies becoming
 *   one `set-cookie` header each and a base64 body decoded to bytes;
 * - anything else that is valid JSON — a string, or an object without `statusCode` — becomes a 200
 *   `application/json` response whose body is the value (a string as is, anything else serialised);
 * - a malformed result is a 500 `{"message":"Internal Server Error"}`, as in the cloud.
 *
 * @example
 * const response = toGatewayResponse({ statusCode: 201, headers: { location: '/x' }, body: '{}' });
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorCode } from '../../lambdas/domain/error-catalogue';
import { statusOf } from '../../lambdas/shared/problem-status';

export interface GatewayResponse {
  readonly statusCode: number;
  /** Header name/value pairs in order; names may repeat (`set-cookie`). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** Headers on every response the gateway writes itself: no browser may guess another type from the bytes. */
const GATEWAY_HEADERS: readonly (readonly [string, string])[] = [['x-content-type-options', 'nosniff']];

/** API Gateway's own error bodies, for the responses it produces itself. */
export function gatewayMessage(
  statusCode: number,
  message: string,
  extraHeaders: [string, string][] = [],
): GatewayResponse {
  return {
    statusCode,
    headers: [['content-type', 'application/json'], ...GATEWAY_HEADERS, ...extraHeaders],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

export const internalServerError = (): GatewayResponse => gatewayMessage(500, 'Internal Server Error');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What API Gateway sends for a function's result.
 *
 * @example
 * toGatewayResponse('ok'); // 200, content-type application/json, body ok
 */
export function toGatewayResponse(result: unknown): GatewayResponse {
  if (typeof result === 'string') return jsonResponse(result);
  if (!isObject(result) || !('statusCode' in result)) {
    // Valid JSON without a status code is the body of a 200.
    return result === undefined ? jsonResponse('') : jsonResponse(JSON.stringify(result));
  }
  const { statusCode, headers, cookies, body, isBase64Encoded } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return internalServerError();
  }
  const out: [string, string][] = [];
  if (headers !== undefined) {
    if (!isObject(headers)) return internalServerError();
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        return internalServerError();
      }
      out.push([name.toLowerCase(), String(value)]);
    }
  }
  if (cookies !== undefined) {
    if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string')) return internalServerError();
    for (const cookie of cookies) out.push(['set-cookie', cookie]);
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return internalServerError();
  const text = body ?? '';
  return {
    statusCode,
    headers: out,
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}

function jsonResponse(body: string): GatewayResponse {
  return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(body, 'utf8') };
}

/** A JSON document the gateway serves itself (the identity provider's JWKS and discovery document). */
export function jsonDocument(document: unknown): GatewayResponse {
  return {
    statusCode: 200,
    headers: [['content-type', 'application/json'], ['cache-control', 'no-store'], ...GATEWAY_HEADERS],
    body: Buffer.from(JSON.stringify(document)),
  };
}

/**
 * Responses the gateway itself produces, in our problem format (plus API Gateway's `message`): the status is the
 * catalogued code's, the title its reason phrase.
 *
 * @example
 * gatewayProblem('RUNTIME_STARTING', 'the runtime is starting'); // 503, title 'Service Unavailable'
 */
export function gatewayProblem(code: ErrorCode, detail?: string): GatewayResponse {
  const status = statusOf(code);
  const title = STATUS_CODES[status] ?? 'Error';
  const body = {
    type: `urn:permit:problem:${code.toLowerCase()}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    message: title,
  };
  return {
    statusCode: status,
    headers: [
      ['content-type', 'application/problem+json; charset=utf-8'],
      ['cache-control', 'no-store'],
      ...GATEWAY_HEADERS,
    ],
    body: Buffer.from(JSON.stringify(body)),
  };
}
