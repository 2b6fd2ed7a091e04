/**
 * `withCommitBarrier`: an invocation that may have written answers only after DynamoDB Local confirmed its commits;
 * reads and failures are not held up.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { withCommitBarrier } from '../../../../lib/local/durability';

const context = {} as Context;
const httpEvent = (method: string) => ({ requestContext: { http: { method } } });

/** A handler and a barrier that record the order they ran in. */
function recorder(fail = false) {
  const order: string[] = [];
  const handler = async () => {
    order.push('handler');
    if (fail) throw new Error('boom');
    return { statusCode: 201 };
  };
  const barrier = async () => {
    order.push('barrier');
  };
  return { order, durable: withCommitBarrier(handler, barrier) };
}

describe('withCommitBarrier', () => {
  test.each(['POST', 'PUT', 'PATCH', 'DELETE'])('a %s answers after the barrier', async (method) => {
    // Prepare
    const { order, durable } = recorder();

    // Act
    const result = await durable(httpEvent(method), context);

    // Assess
    expect(result).toEqual({ statusCode: 201 });
    expect(order).toEqual(['handler', 'barrier']);
  });

  test('queue batches and scheduled runs wait for it too', async () => {
    const { order, durable } = recorder();
    await durable({ Records: [] }, context);
    await durable({ 'detail-type': 'Scheduled Event' }, context);
    expect(order).toEqual(['handler', 'barrier', 'handler', 'barrier']);
  });

  test.each(['GET', 'HEAD', 'OPTIONS'])('a %s is not held up', async (method) => {
    const { order, durable } = recorder();
    await durable(httpEvent(method), context);
    expect(order).toEqual(['handler']);
  });

  test('a failed invocation acknowledges nothing and is not held up', async () => {
    const { order, durable } = recorder(true);
    await expect(durable(httpEvent('POST'), context)).rejects.toThrow('boom');
    expect(order).toEqual(['handler']);
  });
});
