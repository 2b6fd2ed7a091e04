/**
 * Errors the embedded runtime raises at start-up. Each carries a stable `code` and a one-line message that tells the
 * developer what to do, because these reach a terminal, not a log pipeline — and never an API client, which is why
 * their codes are a closed set of their own rather than entries of `lambdas/domain/error-catalogue.ts`.
 *
 * @example
 * throw new LocalRuntimeError('PORT_IN_USE', 'port 3000 (PORT) is already in use — free it or set PORT');
 */
export const LOCAL_RUNTIME_ERROR_CODES = [
  'JAVA_MISSING',
  'JAVA_TOO_OLD',
  'PORT_IN_USE',
  'EMULATOR_START_FAILED',
  'EMULATOR_NOT_READY',
  'HANDLER_LOAD_FAILED',
  'HANDLER_ROUTES_MISMATCH',
  'RUNTIME_CONFLICT',
  'CLOCK_REFUSED',
  'INVALID_ARGUMENT',
] as const;

/**
 * One start-up error code.
 *
 * @example
 * const code: LocalRuntimeErrorCode = 'JAVA_MISSING';
 */
export type LocalRuntimeErrorCode = (typeof LOCAL_RUNTIME_ERROR_CODES)[number];

/** A start-up failure the developer can act on; `code` is stable, `message` is one line. */
export class LocalRuntimeError extends Error {
  override readonly name = 'LocalRuntimeError';
  constructor(
    readonly code: LocalRuntimeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
