/**
 * Domain errors: a small hierarchy, each with a stable machine-readable `code`.
 * The HTTP layer maps `kind` to a status; the domain itself knows nothing of HTTP.
 *
 * @example
 * throw new ValidationError('USCC_CHECK_CHARACTER', 'check character mismatch', [{ field: 'uscc', message: '…' }]);
 */
export type ErrorKind =
  | 'invalid' // 400: the request is malformed or fails validation
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'conflict' // 409: state conflict, illegal transition, idempotency mismatch
  | 'too-large' // 413
  | 'unsupported-media' // 415
  | 'unprocessable' // 422: well-formed but cannot be acted on (e.g. text the font cannot draw)
  | 'rate-limited' // 429
  | 'unavailable'; // 503: a dependency is down (never shown as success)

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `products.0.code` or `header.idempotency-key`. */
  readonly field: string;
  readonly message: string;
}

export class PermitError extends Error {
  override readonly name: string = 'PermitError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: { readonly issues?: readonly FieldIssue[]; readonly [key: string]: unknown } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationError extends PermitError {
  override readonly name = 'ValidationError';
  constructor(code: string, message: string, issues: readonly FieldIssue[] = [], options?: { cause?: unknown }) {
    super('invalid', code, message, { issues }, options);
  }
}

export class NotFoundError extends PermitError {
  override readonly name = 'NotFoundError';
  constructor(code: string, message: string) {
    super('not-found', code, message);
  }
}

export class ConflictError extends PermitError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super('conflict', code, message, details);
  }
}

export class ForbiddenError extends PermitError {
  override readonly name = 'ForbiddenError';
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

export class UnauthenticatedError extends PermitError {
  override readonly name = 'UnauthenticatedError';
  constructor(code: string, message: string) {
    super('unauthenticated', code, message);
  }
}

export class UnprocessableError extends PermitError {
  override readonly name = 'UnprocessableError';
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super('unprocessable', code, message, details);
  }
}

export class DependencyUnavailableError extends PermitError {
  override readonly name = 'DependencyUnavailableError';
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super('unavailable', code, message, {}, options);
  }
}

export const isPermitError = (e: unknown): e is PermitError => e instanceof PermitError;

/**
 * The one answer to a list cursor this API did not issue for this very query and caller — edited, replayed on another
 * route, filter or caller, sealed with a retired key, or pointing where the query cannot start. Deliberately says
 * nothing about which check failed.
 *
 * @example
 * throw invalidCursor();
 */
export const invalidCursor = (): ValidationError =>
  new ValidationError('INVALID_CURSOR', 'cursor is not one this API issued for this query', [
    { field: 'query.cursor', message: 'invalid cursor' },
  ]);
