/**
 * Port: time comes from a clock so tests move it instead of waiting for it. Adapters: `lambdas/adapters/clock/`.
 */

/** Time comes from a port so tests move it instead of waiting for it. */
export interface Clock {
  now(): Date;
}
