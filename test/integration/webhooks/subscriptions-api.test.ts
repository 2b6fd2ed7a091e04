/**
 * The webhook subscription routes through the local runtime (real handlers, DynamoDB Local, the local secret box):
 * an admin registers a subscriber and gets its secret once; the stored item holds it sealed, never in the clear; views
 * never carry it; an idempotent retry answers the same secret; rotation answers a new one and keeps the old one's
 * overlap; bad input is a 400 naming the field; other roles are 403; an unknown id is 404.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false });
});
afterAll(() => runtime?.stop());

type Registered = { subscription: { id: string; revision: number; secrets: object[] }; secret: string };

function post(path: string, body: unknown, as: 'admin' | 'officer' = 'admin', headers: Record<string, string> = {}) {
  return runtime.request(path, {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const request = {
  url: 'https://hooks.example.cn/permit',
  events: ['licence.status_changed', 'licence.issued'],
  filter: { usccs: ['91420100MA4K0A0A1E'], categories: ['06'] },
  description: '电商平台供应商许可证监控',
};

describe('webhook subscriptions', () => {
  test('an admin registers one: the secret is answered once, stored sealed, and in no view', async () => {
    // Act
    const res = await post('/v1/webhooks/subscriptions', request);
    const { subscription, secret } = (await res.json()) as Registered;
    const read = await runtime.request(`/v1/webhooks/subscriptions/${subscription.id}`, { as: 'admin' });
    const listed = await runtime.request('/v1/webhooks/subscriptions', { as: 'admin' });
    const item = await dynamoClient().send(
      new GetCommand({ TableName: runtime.names.tableName, Key: { pk: `WHSUB#${subscription.id}`, sk: '#HEAD' } }),
    );

    // Assess
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(secret).toMatch(/^whsec_/);
    expect(subscription).toMatchObject({
      url: request.url,
      events: ['licence.issued', 'licence.status_changed'],
      filter: { licences: [], usccs: ['91420100MA4K0A0A1E'], categories: ['06'] },
      state: 'active',
      revision: 1,
    });
    expect(read.status).toBe(200);
    const views = JSON.stringify([await read.json(), await listed.json()]);
    expect(views).not.toContain(secret);
    expect(views).not.toContain('whsec_');
    expect(JSON.stringify(item.Item)).not.toContain(secret.slice(6));
    expect(item.Item?.subscription.secrets[0].secret).toMatch(/^v1\.local\./);
  });

  test('an idempotent retry answers the same subscription and secret (200); rotation answers a new secret', async () => {
    // Prepare
    const key = { 'idempotency-key': 'register-0001' };
    const first = (await (await post('/v1/webhooks/subscriptions', request, 'admin', key)).json()) as Registered;

    // Act
    const retry = await post('/v1/webhooks/subscriptions', request, 'admin', key);
    const rotated = await post(`/v1/webhooks/subscriptions/${first.subscription.id}/rotate-secret`, {
      overlapHours: 2,
      expectedRevision: 1,
    });
    const stale = await post(`/v1/webhooks/subscriptions/${first.subscription.id}/rotate-secret`, {
      expectedRevision: 1,
    });

    // Assess
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as Registered).secret).toBe(first.secret);
    expect(rotated.status).toBe(200);
    const after = (await rotated.json()) as Registered;
    expect(after.secret).not.toBe(first.secret);
    expect(after.subscription.revision).toBe(2);
    expect(after.subscription.secrets).toHaveLength(2);
    expect(stale.status).toBe(409);
  });

  test('bad input is a 400 naming the field; other roles 403; an unknown id 404', async () => {
    // Act
    const answers = await Promise.all([
      post('/v1/webhooks/subscriptions', { ...request, url: 'http://hooks.example.cn/' }),
      post('/v1/webhooks/subscriptions', { ...request, url: 'https://10.1.2.3/' }),
      post('/v1/webhooks/subscriptions', { ...request, events: ['licence.deleted'] }),
      post('/v1/webhooks/subscriptions', { ...request, filter: { categories: Array(1001).fill('06') } }),
      post('/v1/webhooks/subscriptions', { ...request, filter: { usccs: ['91420100MA4K0A0A1F'] } }),
    ]);
    const forbidden = await post('/v1/webhooks/subscriptions', request, 'officer');
    const unknown = await runtime.request('/v1/webhooks/subscriptions/WH-AAAAAAAAAAAAAAAAAAAA', { as: 'admin' });

    // Assess
    const problems = await Promise.all(
      answers.map(async (r) => [r.status, ((await r.json()) as { code: string }).code]),
    );
    expect(problems).toEqual([
      [400, 'WEBHOOK_URL_INVALID'],
      [400, 'WEBHOOK_URL_NOT_PUBLIC'],
      [400, 'WEBHOOK_EVENT_UNKNOWN'],
      [400, 'WEBHOOK_FILTER_TOO_LARGE'],
      [400, 'WEBHOOK_FILTER_INVALID'],
    ]);
    expect(forbidden.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('WEBHOOK_SUBSCRIPTION_NOT_FOUND');
  });
});
