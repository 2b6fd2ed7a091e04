/**
 * Domain errors: a small hierarchy, each with a stable machine-readable `code` from the closed catalogue
 * (`error-catalogue.ts`). A code's kind comes from the catalogue, and each class takes only codes of its own kind, so
 * the compiler refuses an uncatalogued code and a `ConflictError` can never carry an `invalid` code. The HTTP layer
 * maps `kind` to a status; the domain itself knows nothing of HTTP.
 *
 * @example
 * throw new ValidationError('USCC_CHECK_CHARACTER', 'check character mismatch', [{ field: 'uscc', message: '…' }]);
 */
import { type ErrorCode, type ErrorCodeOf, type ErrorKind, kindOfCode } from './error-catalogue';

export type { ErrorCode, ErrorCodeOf, ErrorKind } from './error-catalogue';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `products.0.code` or `header.idempotency-key`. */
  readonly field: string;
  readonly message: string;
}

/**
 * A domain error. Its `kind` is the catalogue's kind of its `code` (one source, so the two cannot disagree); the
 * subclasses below narrow the codes they take to one kind. Construct this class itself only for a kind without a
 * subclass (`too-large`, `unsupported-media`).
 *
 * @example
 * throw new PermitError('PAYLOAD_TOO_LARGE', 'request body exceeds 65536 bytes');
 */
export class PermitError extends Error {
  override readonly name: string = 'PermitError';
  readonly kind: ErrorKind;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { readonly issues?: readonly FieldIssue[]; readonly [key: string]: unknown } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.kind = kindOfCode(code);
  }
}

export class ValidationError extends PermitError {
  override readonly name = 'ValidationError';
  constructor(
    code: ErrorCodeOf<'invalid'>,
    message: string,
    issues: readonly FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(code, message, { issues }, options);
  }
}

/**
 * Run independent validations and report every field they refuse at once: the results in order when all pass, else
 * one {@link ValidationError} with the first refusal's code and message and the issues of all (so a form shows each
 * field's problem together, not one part after another). Errors other than validation errors pass through.
 *
 * @example
 * const [enterprise, procedure] = validateAll(() => parseEnterprise(input), () => strictestProcedureOn(products, day));
 */
export function validateAll<const T extends readonly (() => unknown)[]>(
  ...checks: T
): { -readonly [K in keyof T]: ReturnType<T[K]> } {
  const results: unknown[] = [];
  const refused: ValidationError[] = [];
  for (const check of checks) {
    try {
      results.push(check());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      refused.push(error);
    }
  }
  const [first] = refused;
  if (first) {
    const issues = refused.flatMap((e) => e.details.issues ?? []);
    throw new ValidationError(first.code as ErrorCodeOf<'invalid'>, first.message, issues, { cause: first });
  }
  return results as { -readonly [K in keyof T]: ReturnType<T[K]> };
}

export class NotFoundError extends PermitError {
  override readonly name = 'NotFoundError';
  constructor(code: ErrorCodeOf<'not-found'>, message: string) {
    super(code, message);
  }
}

export class ConflictError extends PermitError {
  override readonly name = 'ConflictError';
  constructor(code: ErrorCodeOf<'conflict'>, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

export class ForbiddenError extends PermitError {
  override readonly name = 'ForbiddenError';
  constructor(code: ErrorCodeOf<'forbidden'>, message: string) {
    super(code, message);
  }
}

export class UnauthenticatedError extends PermitError {
  override readonly name = 'UnauthenticatedError';
  constructor(code: ErrorCodeOf<'unauthenticated'>, message: string) {
    super(code, message);
  }
}

export class UnprocessableError extends PermitError {
  override readonly name = 'UnprocessableError';
  constructor(code: ErrorCodeOf<'unprocessable'>, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

export class DependencyUnavailableError extends PermitError {
  override readonly name = 'DependencyUnavailableError';
  constructor(code: ErrorCodeOf<'unavailable'>, message: string, options?: { cause?: unknown }) {
    super(code, message, {}, options);
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
