/**
 * The end of an invocation publishes its metrics: a middy middleware that flushes {@link InvocationMetrics} after
 * the handler returns and when it throws. `httpRoute` adds it for routes given `{ metrics }`; queue handlers `.use` it.
 *
 * @example
 * export const handler = middy<SQSEvent, SQSBatchResponse>().use(flushMetrics(metrics)).handler(…);
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { InvocationMetrics } from '../ports/metrics';

export const flushMetrics = <E, R, Err = Error, C extends Context = Context>(
  metrics: InvocationMetrics,
): MiddlewareObj<E, R, Err, C> => ({
  after: () => {
    metrics.flush();
  },
  onError: () => {
    metrics.flush();
  },
});
