/**
 * Builders and probes for dispatch tests: a valid postal address, an issue request with a paper copy, and reading
 * a dispatch straight from the table.
 *
 * @example
 * const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed: 3 })) });
 */
import type { z } from 'zod';
import { SqsDispatchQueue } from '../../lambdas/adapters/sqs/dispatch-queue';
import type { DispatchView } from '../../lambdas/contracts/dispatches';
import type { DispatchQueue } from '../../lambdas/ports/dispatch-queue';
import { sqsClient } from '../../lambdas/shared/clients';
import { config } from '../../lambdas/shared/config';
import { DEMO_ENTERPRISE } from '../../lib/local/demo-users';
import { issueBody } from './certificates';

export const postalAddress = {
  recipient: '张三丰',
  phone: '138 1234 5678',
  address: { province: '湖北省', city: '武汉市', district: '洪山区', detail: '珞喻路1037号' },
  postcode: '430074',
};

/** An issue request with a paper copy; `demo: true` issues to the demo enterprise (its token sees the parcel). */
export function paperCopyBody(options: { seed?: number; demo?: boolean } = {}) {
  const body = issueBody({
    seed: options.seed ?? 1,
    ...(options.demo ? { uscc: DEMO_ENTERPRISE.uscc, name: DEMO_ENTERPRISE.name } : {}),
  });
  return { ...body, paperCopy: { address: postalAddress } };
}

export type DispatchJson = z.input<typeof DispatchView>;

/**
 * A dispatch queue a test can break and mend while the runtime runs: `working` sends through the real SQS queue (built
 * on first use from the runtime's environment), `down` throws as an unreachable SQS does, `lost` answers success
 * and sends nothing (the process died between the commit and the send). Passed as the runtime's override.
 *
 * @example
 * const queue = switchableQueue();
 * const runtime = await startTestRuntime({ overrides: { dispatchQueue: queue } });
 * queue.mode = 'down';
 */
export function switchableQueue(): DispatchQueue & { mode: 'working' | 'down' | 'lost' } {
  let real: DispatchQueue | undefined;
  const queue = {
    mode: 'working' as 'working' | 'down' | 'lost',
    send: async (ids: readonly string[]) => {
      if (queue.mode === 'down') {
        throw Object.assign(new Error('injected: SQS unavailable'), { name: 'ServiceUnavailable' });
      }
      if (queue.mode === 'lost') return { failed: [] };
      real ??= new SqsDispatchQueue(sqsClient(), config().dispatchQueueUrl);
      return real.send(ids);
    },
  };
  return queue;
}
