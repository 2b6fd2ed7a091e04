/**
 * Errors the embedded runtime raises at start-up. Each carries a stable `code` and a one-line message that tells the
 * developer what to do, because these reach a terminal, not a log pipeline.
 *
 * @example
 * throw new LocalRuntimeError('PORT_IN_USE', 'port 3000 (PORT) is already in use — free it or set PORT');
 */
export type LocalRuntimeErrorCode =
  | 'JAVA_MISSING'
  | 'JAVA_TOO_OLD'
  | 'PORT_IN_USE'
  | 'EMULATOR_START_FAILED'
  | 'EMULATOR_NOT_READY'
  | 'HANDLER_LOAD_FAILED'
  | 'HANDLER_ROUTES_MISMATCH'
  | 'RUNTIME_CONFLICT'
  | 'CLOCK_REFUSED'
  | 'INVALID_ARGUMENT';

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
