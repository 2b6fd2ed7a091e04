/**
 * The one mapping from an error's domain kind to its HTTP status, for every edge that answers problems: the handler
 * pipeline (`http.ts`), the router, the local gateway (`lib/local/http-result.ts`), and the OpenAPI document and
 * `docs/errors.md` generated from the catalogue. Nothing here reads configuration, so the local gateway can load it
 * before any handler.
 *
 * @example
 * statusOf('CERTIFICATE_NOT_FOUND'); // 404
 */
import { type ErrorCode, type ErrorKind, kindOfCode } from '../domain/error-catalogue';

/**
 * The HTTP status of each kind.
 *
 * @example
 * STATUS_BY_KIND.conflict; // 409
 */
export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = Object.freeze({
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'too-large': 413,
  'unsupported-media': 415,
  unprocessable: 422,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
});

/**
 * The HTTP status a code is answered with.
 *
 * @example
 * statusOf('DOCUMENT_TRAILING_DATA'); // 422
 */
export const statusOf = (code: ErrorCode): number => STATUS_BY_KIND[kindOfCode(code)];
