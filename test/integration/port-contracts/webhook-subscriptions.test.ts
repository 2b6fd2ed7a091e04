/**
 * The webhook subscriptions' contract — the same assertions against the in-memory fake and the DynamoDB adapter on
 * DynamoDB Local: nothing for an unknown id, `add` only once per id, `save` only at the stored revision, the list
 * newest first with opaque positions that page through everything exactly once.
 */
import { describe, expect, test } from 'vitest';
import { DynamoWebhookSubscriptions } from '../../../lambdas/adapters/dynamo/webhook-subscriptions';
import type { WebhookSubscriptionSnapshot } from '../../../lambdas/domain/webhooks/subscription';
import type { WebhookSubscriptions } from '../../../lambdas/ports/webhook-subscriptions';
import { FakeWebhookSubscriptions } from '../../support/fakes';
import { emulatorStore } from './subjects';

const subjects: [string, () => Promise<WebhookSubscriptions>][] = [
  ['in-memory fake', async () => new FakeWebhookSubscriptions()],
  [
    'DynamoDB adapter',
    async () => {
      const { dynamo, names } = await emulatorStore();
      return new DynamoWebhookSubscriptions(dynamo, names.tableName);
    },
  ],
];

const subscription = (n: number, createdAt = `2026-12-06T03:00:${String(n).padStart(2, '0')}.000Z`) =>
  ({
    id: `WH-${String(n).padStart(20, 'A')}`.replace(/\d/g, (d) => 'BCDEFGHJKM'[Number(d)] as string),
    url: `https://hooks${n}.example.cn/permit`,
    events: ['licence.status_changed'],
    filter: { licences: [], usccs: [], categories: ['06'] },
    secrets: [{ secret: `v1.test.${n}`, createdAt }],
    state: 'active',
    createdAt,
    createdBy: 'admin-1',
    updatedAt: createdAt,
    revision: 1,
    requestHash: 'a'.repeat(64),
  }) satisfies WebhookSubscriptionSnapshot;

describe.each(subjects)('WebhookSubscriptions — %s', (_, make) => {
  test('adds once, reads back, saves only at the stored revision', async () => {
    // Prepare
    const subscriptions = await make();
    const first = subscription(1);

    // Act
    const none = await subscriptions.get(first.id);
    const added = await subscriptions.add(first);
    const again = await subscriptions.add({ ...first, url: 'https://other.example.cn/' });
    const next = { ...first, state: 'disabled' as const, revision: 2 };
    await subscriptions.save(next, 1);
    const stale = await subscriptions.save({ ...next, revision: 3 }, 1).catch((e: unknown) => e);

    // Assess
    expect(none).toBeUndefined();
    expect([added, again]).toEqual([true, false]);
    expect(await subscriptions.get(first.id)).toEqual(next);
    expect(stale).toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
  });

  test('lists newest first, a page at a time, each once', async () => {
    // Prepare
    const subscriptions = await make();
    for (const n of [1, 2, 3, 4, 5]) await subscriptions.add(subscription(n));

    // Act
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await subscriptions.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((s) => s.id));
      cursor = page.cursor;
    } while (cursor);

    // Assess
    expect(ids).toEqual([5, 4, 3, 2, 1].map((n) => subscription(n).id));
  });
});
