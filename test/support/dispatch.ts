/**
 * Builders and probes for dispatch tests: a valid postal address, an issue request with a paper copy, and an outbox
 * publisher a test can break.
 *
 * @example
 * const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed: 3 })) });
 */
import { vi } from 'vitest';
import type { z } from 'zod';
import { SqsOutboxPublisher } from '../../lambdas/adapters/sqs/outbox-publisher';
import type { DispatchView } from '../../lambdas/contracts/dispatches';
import type { OutboxPublisher } from '../../lambdas/ports/outbox-publisher';
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
 * An outbox publisher a test can break and mend while the runtime runs: `working` publishes through the real SQS
 * queues (built on first use from the runtime's environment), `down` throws as an unreachable SQS does, `lost`
 * answers success and sends nothing (the process died between the commit and the publish). Passed as the runtime's
 * override; `published` counts what reached SQS.
 *
 * @example
 * const publisher = switchablePublisher();
 * const runtime = await startTestRuntime({ overrides: { publisher } });
 * publisher.mode = 'down';
 */
export function switchablePublisher(): OutboxPublisher & { mode: 'working' | 'down' | 'lost'; published: string[] } {
  let real: OutboxPublisher | undefined;
  const publisher = {
    mode: 'working' as 'working' | 'down' | 'lost',
    published: [] as string[],
    publish: async (messages: Parameters<OutboxPublisher['publish']>[0]) => {
      if (publisher.mode === 'down') {
        throw Object.assign(new Error('injected: SQS unavailable'), { name: 'ServiceUnavailable' });
      }
      if (publisher.mode === 'lost') return { failed: [] };
      real ??= new SqsOutboxPublisher(sqsClient(), (queue) => config().queueUrls[queue]);
      const out = await real.publish(messages);
      const failed = new Set(out.failed.map((f) => `${f.topic}#${f.id}`));
      publisher.published.push(...messages.filter((m) => !failed.has(`${m.topic}#${m.id}`)).map((m) => m.id));
      return out;
    },
  };
  return publisher;
}

/**
 * Waits until the worker has a waybill for parcel `id` and the outbox has completed its message (after a relay), and
 * returns the waybill number.
 *
 * @example
 * const waybillNo = await waybillAfterRelay(id);
 */
export async function waybillAfterRelay(id: string): Promise<string> {
  // Imported here, not at the top: a test's own imports decide when the composition modules load.
  const { dispatchRepository } = await import('../../lambdas/composition/dispatch');
  const { outboxStore } = await import('../../lambdas/composition/outbox');
  const waybillNo = await vi.waitFor(
    async () => {
      const d = await dispatchRepository().get(id);
      if (!d?.waybillNo) throw new Error('no waybill yet');
      return d.waybillNo;
    },
    { timeout: 20_000, interval: 50 },
  );
  await vi.waitFor(
    async () => {
      if (await outboxStore().get({ topic: 'dispatch', id })) throw new Error('the message is not completed yet');
    },
    { timeout: 20_000, interval: 50 },
  );
  return waybillNo;
}
