/**
 * What every answer must be, whatever was asked: never 5xx; a 2xx or 3xx the operation documents; a 4xx that is
 * `application/problem+json` with a catalogued `code` and that code's status (or the media type the operation
 * documents for that status, or API Gateway's own `{"message"}` for the 401, 404, 413, 414 and 431 it writes
 * itself); on a signed route, a 401 for every call without a valid signature; and nothing in the logs that says an
 * unexpected error was caught on the way.
 *
 * @example
 * const problems = judge(operation, response, logs.suspiciousFor(idsOf(response)));
 * if (problems.length > 0) throw new Error(problems.join('\n'));
 */
import { type ErrorCode, isErrorCode } from '../../lambdas/domain/error-catalogue';
import { statusOf } from '../../lambdas/shared/problem-status';
import type { LogEntry } from './log-capture';
import type { Operation } from './operations';
import type { FuzzRequest } from './requests';
import type { FuzzResponse } from './wire';

/** Codes that mean the request never got past the edge checks (auth, media type, shape). */
export const EDGE_CODES: ReadonlySet<string> = new Set([
  'INVALID_REQUEST',
  'MALFORMED_JSON',
  'BODY_REQUIRED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'ROUTE_NOT_FOUND',
] satisfies ErrorCode[]);

/** The ids a request's log entries carry: the gateway's request id and the handler's correlation id. */
export const idsOf = (response: FuzzResponse): string[] =>
  [response.headers['apigw-requestid'], response.headers['x-correlation-id']].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
};

const contentTypeOf = (response: FuzzResponse): string =>
  (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Statuses API Gateway answers itself, before any function runs (auth, routing, sizes of the body and the head). */
const GATEWAY_STATUSES = [401, 404, 413, 414, 431];

/** API Gateway's own error body: `{"message":"…"}` as `application/json`. */
function isGatewayShape(response: FuzzResponse): boolean {
  if (!GATEWAY_STATUSES.includes(response.status) || contentTypeOf(response) !== 'application/json') return false;
  const body = parseJson(response.body);
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string' &&
    Object.keys(body).every((k) => ['message', 'type', 'title', 'status', 'code', 'detail'].includes(k))
  );
}

/** The stable code of a problem answer, if it is one. */
export function problemCode(response: FuzzResponse): string | undefined {
  if (contentTypeOf(response) !== 'application/problem+json') return undefined;
  const body = parseJson(response.body) as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : undefined;
}

/**
 * Everything wrong with one answer (empty: it is fine).
 *
 * @example
 * judge(operation, { status: 500, headers: {}, body: Buffer.alloc(0) }, []); // ['status 500 (a 5xx is a defect)']
 */
export function judge(
  operation: Operation,
  response: FuzzResponse,
  logged: readonly LogEntry[],
  request?: Pick<FuzzRequest, 'signing'>,
): string[] {
  const problems: string[] = [];
  const { status } = response;
  // A signed route (the carrier's webhook) checks the signature first: a caller without a valid one learns nothing
  // else — not the body's schema, not its media type (401; 413 when the body is too large even to be read).
  if (request && operation.access === 'signed' && request.signing !== 'valid' && ![401, 413].includes(status)) {
    problems.push(`an unsigned or badly signed call was answered ${status}, not 401`);
  }
  const documented = operation.responses[String(status)];
  if (status >= 500) problems.push(`status ${status} (a 5xx is a defect)`);
  else if (status >= 400) {
    const type = contentTypeOf(response);
    const allowed = [...(documented ?? [])];
    if (allowed.length > 0 && operation.description.includes('text/html')) allowed.push('text/html');
    const asDocumented = allowed.includes(type);
    if (!asDocumented && !isGatewayShape(response)) {
      if (type !== 'application/problem+json') {
        problems.push(`status ${status} answered as "${type || 'no content type'}", not application/problem+json`);
      } else {
        const body = parseJson(response.body) as { code?: unknown; status?: unknown } | undefined;
        if (typeof body?.code !== 'string' || body.code === '')
          problems.push(`status ${status} problem without a code`);
        else if (!isErrorCode(body.code))
          problems.push(`status ${status} problem with an uncatalogued code ${body.code}`);
        else if (statusOf(body.code) !== status) {
          problems.push(`code ${body.code} answered ${status}, but the catalogue maps it to ${statusOf(body.code)}`);
        }
        if (body?.status !== status) problems.push(`problem status ${String(body?.status)} ≠ HTTP status ${status}`);
      }
    }
  } else if (!documented) {
    problems.push(`status ${status} is not documented for ${operation.operationId}`);
  }
  for (const entry of logged) {
    problems.push(`logged while answering (${entry.source} ${entry.level}): ${entry.text.slice(0, 1_500)}`);
  }
  return problems;
}
