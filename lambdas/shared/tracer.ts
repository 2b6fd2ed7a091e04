/**
 * Tracing, switchable per stage (`tracing` in `lib/stage-config.ts`): the Powertools Tracer (`powertools-tracer.ts`)
 * is loaded only when `POWERTOOLS_TRACE_ENABLED=true` — never locally, where the runtime does not set it. A function
 * bundled for a stage that does not trace with Powertools has `PERMIT_TRACER_BUNDLED` replaced by `"false"`
 * (`bundleDefines` in lib/constructs/permit-function.ts), so esbuild drops the import altogether.
 *
 * @example
 * const client = tracing ? tracing.captureClient(new SQSClient({})) : new SQSClient({});
 */
export const tracing: typeof import('./powertools-tracer') | undefined =
  process.env.PERMIT_TRACER_BUNDLED !== 'false' && process.env.POWERTOOLS_TRACE_ENABLED === 'true'
    ? await import('./powertools-tracer')
    : undefined;

/**
 * The client, captured by the Tracer when this function traces with Powertools; else itself.
 *
 * @example
 * sqs ??= traced(new SQSClient({ region: config().region }));
 */
export const traced = <T>(client: T): T => (tracing ? tracing.captureClient(client) : client);
