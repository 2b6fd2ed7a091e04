/**
 * Nothing the local runtime acknowledges is lost when DynamoDB Local is killed. DynamoDB Local answers a transaction
 * a few milliseconds before its commit is in the database file (`commitBarrier` in `dynamodb-local.ts`), so every
 * invocation that may have written — any HTTP method but GET/HEAD/OPTIONS, every queue batch and scheduled run —
 * waits for DynamoDB Local's commit before its answer goes back to the gateway (the `201`) or to the poller (which
 * then deletes the messages).
 *
 * @example
 * handlers.set(name, withCommitBarrier(handler, () => commitBarrier(endpoints.dynamodb)));
 */
import type { LambdaHandler } from './handlers';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The HTTP method of an API Gateway v2 event, if it is one. */
const httpMethodOf = (event: unknown): string | undefined =>
  (event as { requestContext?: { http?: { method?: unknown } } } | null)?.requestContext?.http?.method as
    | string
    | undefined;

/**
 * The handler, answering only once `barrier` resolved after a successful invocation that may have written.
 *
 * @example
 * const durable = withCommitBarrier(handler, () => commitBarrier('http://127.0.0.1:8000'));
 */
export function withCommitBarrier(handler: LambdaHandler, barrier: () => Promise<void>): LambdaHandler {
  return async (event, context) => {
    const result = await handler(event, context);
    const method = httpMethodOf(event);
    if (!method || !READS.has(method.toUpperCase())) await barrier();
    return result;
  };
}
