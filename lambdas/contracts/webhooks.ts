/**
 * The webhook subscription routes (admins; `docs/webhooks.md`): register, list, read, rotate the secret. A view never
 * carries a secret: it is answered once, by the call that made it.
 */
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhooks/events';
import { MAX_FILTER_ENTRIES, MAX_SECRET_OVERLAP_HOURS } from '../domain/webhooks/subscription';
import { defineRoute, idempotencyKey, PAGE_QUERY } from './route';

const SubscriptionId = z.object({
  subscriptionId: z
    .string()
    .regex(/^WH-[A-Z2-9]{20}$/)
    .describe('Subscription id, e.g. WH-K3M9Q2ZT7AK3M9Q2ZT7A'),
});

// The lists are bounded together by the use case (`WEBHOOK_FILTER_TOO_LARGE` names the filter); here only loosely,
// with the request body's size limit behind.
const LOOSE_LIMIT = 10 * MAX_FILTER_ENTRIES;
const Filter = z
  .object({
    licences: z.array(z.string().max(64)).max(LOOSE_LIMIT).optional().describe('Licence numbers'),
    usccs: z.array(z.string().max(32)).max(LOOSE_LIMIT).optional().describe('USCCs of enterprises'),
    categories: z.array(z.string().max(8)).max(LOOSE_LIMIT).optional().describe('Two-digit product categories'),
  })
  .describe(
    `Any listed licence, enterprise or category; at most ${MAX_FILTER_ENTRIES} entries in all; none: every licence`,
  );

export const RegisterSubscriptionBody = z.object({
  url: z.string().max(4096).describe('https URL that receives the deliveries (plain http to loopback only locally)'),
  events: z
    .array(z.string().max(64))
    .max(10)
    .describe(`Any of ${WEBHOOK_EVENT_TYPES.join(', ')}`),
  filter: Filter.optional(),
  description: z.string().max(1000).optional().describe('What it is for (at most 200 characters)'),
});

export const SubscriptionView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    filter: z.object({ licences: z.array(z.string()), usccs: z.array(z.string()), categories: z.array(z.string()) }),
    description: z.string().optional(),
    state: z.enum(['active', 'disabled']),
    failingSince: z.string().optional(),
    disabledAt: z.string().optional(),
    secrets: z
      .array(z.object({ createdAt: z.string(), retiresAt: z.string().optional() }))
      .describe('When each signing secret was made and, for a rotated one, when it stops signing (never the secret)'),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    revision: z.number().int().describe('Send it back as expectedRevision'),
  })
  .meta({ id: 'WebhookSubscription' });

const WithSecret = z
  .object({
    subscription: SubscriptionView,
    secret: z.string().describe('whsec_… — shown this once: keep it where your receiver reads it'),
  })
  .meta({ id: 'WebhookSubscriptionWithSecret' });

const example = {
  id: 'WH-K3M9Q2ZT7AK3M9Q2ZT7A',
  url: 'https://hooks.example.cn/permit',
  events: ['licence.status_changed'],
  filter: { licences: [], usccs: ['91420100MA4K0A0A1E'], categories: [] },
  state: 'active',
  secrets: [{ createdAt: '2026-12-06T03:00:00.000Z' }],
  createdAt: '2026-12-06T03:00:00.000Z',
  createdBy: 'admin-demo',
  updatedAt: '2026-12-06T03:00:00.000Z',
  revision: 1,
};

export const registerSubscriptionRoute = defineRoute({
  operationId: 'registerWebhookSubscription',
  method: 'POST',
  path: '/v1/webhooks/subscriptions',
  summary: 'Register a webhook subscriber; its signing secret is answered once',
  description:
    'Deliveries follow the Standard Webhooks specification (`docs/webhooks.md`). 400 `WEBHOOK_URL_INVALID`, ' +
    '`WEBHOOK_URL_NOT_PUBLIC`, `WEBHOOK_EVENT_UNKNOWN`, `WEBHOOK_FILTER_INVALID`, `WEBHOOK_FILTER_TOO_LARGE` name the ' +
    'field. With `Idempotency-Key`, a retry of the same request answers the same subscription and secret (200).',
  tags: ['webhooks'],
  access: ['admin'],
  request: {
    headers: z.object({
      'idempotency-key': z.optional(
        idempotencyKey('Client-chosen key: the same key and body answer the same subscription'),
      ),
    }),
    body: RegisterSubscriptionBody,
    bodyExample: {
      url: 'https://hooks.example.cn/permit',
      events: ['licence.status_changed'],
      filter: { usccs: ['91420100MA4K0A0A1E'] },
      description: '电商平台供应商许可证监控',
    },
  },
  responses: {
    201: { description: 'Registered', schema: WithSecret, example: { subscription: example, secret: 'whsec_…' } },
    200: { description: 'An idempotent retry: the subscription registered first', schema: WithSecret },
  },
});

export const listSubscriptionsRoute = defineRoute({
  operationId: 'listWebhookSubscriptions',
  method: 'GET',
  path: '/v1/webhooks/subscriptions',
  summary: 'The webhook subscriptions, newest first',
  tags: ['webhooks'],
  access: ['admin'],
  request: { query: z.object({ ...PAGE_QUERY }) },
  responses: {
    200: {
      description: 'A page of subscriptions',
      schema: z
        .object({ items: z.array(SubscriptionView), cursor: z.string().optional() })
        .meta({ id: 'WebhookSubscriptionList' }),
      example: { items: [example] },
    },
  },
});

export const getSubscriptionRoute = defineRoute({
  operationId: 'getWebhookSubscription',
  method: 'GET',
  path: '/v1/webhooks/subscriptions/{subscriptionId}',
  summary: 'One webhook subscription (404 `WEBHOOK_SUBSCRIPTION_NOT_FOUND`)',
  tags: ['webhooks'],
  access: ['admin'],
  request: { params: SubscriptionId },
  responses: { 200: { description: 'The subscription', schema: SubscriptionView, example } },
});

export const rotateSubscriptionSecretRoute = defineRoute({
  operationId: 'rotateWebhookSecret',
  method: 'POST',
  path: '/v1/webhooks/subscriptions/{subscriptionId}/rotate-secret',
  summary: 'A new signing secret (answered once); the previous one keeps signing beside it for the overlap',
  description:
    `\`overlapHours\` 0–${MAX_SECRET_OVERLAP_HOURS} (default 24; 0 retires the previous secret at once, after a leak): ` +
    'during the overlap every delivery carries both signatures. 400 `WEBHOOK_OVERLAP_INVALID`; 409 ' +
    '`CONCURRENT_MODIFICATION` when `expectedRevision` is not the current one.',
  tags: ['webhooks'],
  access: ['admin'],
  request: {
    params: SubscriptionId,
    body: z.object({
      overlapHours: z.number().optional().describe(`0–${MAX_SECRET_OVERLAP_HOURS}, default 24`),
      expectedRevision: z.number().int().optional(),
    }),
    bodyExample: { overlapHours: 24 },
  },
  responses: {
    200: { description: 'Rotated', schema: WithSecret, example: { subscription: example, secret: 'whsec_…' } },
  },
});

export const DeliveryView = z
  .object({
    eventId: z.string(),
    type: z.string(),
    licenceNo: z.string().optional(),
    sequence: z.number().int().optional(),
    state: z.enum(['pending', 'delivered', 'exhausted', 'cancelled']),
    attempts: z.number().int(),
    createdAt: z.string(),
    nextAttemptAt: z.string().optional(),
    last: z
      .object({
        status: z.number().int().optional(),
        failure: z.string().optional(),
        detail: z.string().describe('At most 1 KB of the answer, or why there was none'),
        durationMs: z.number(),
        at: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'WebhookDelivery' });

export const listDeliveriesRoute = defineRoute({
  operationId: 'listWebhookDeliveries',
  method: 'GET',
  path: '/v1/webhooks/subscriptions/{subscriptionId}/deliveries',
  summary: 'A subscriber’s delivery log, newest first: state, attempts, next attempt, the last answer (1 KB kept)',
  tags: ['webhooks'],
  access: ['admin'],
  request: { params: SubscriptionId, query: z.object({ ...PAGE_QUERY }) },
  responses: {
    200: {
      description: 'A page of deliveries',
      schema: z
        .object({ items: z.array(DeliveryView), cursor: z.string().optional() })
        .meta({ id: 'WebhookDeliveryList' }),
    },
  },
});

export const sendTestEventRoute = defineRoute({
  operationId: 'sendWebhookTestEvent',
  method: 'POST',
  path: '/v1/webhooks/subscriptions/{subscriptionId}/test',
  summary: 'Send a `webhook.test` event to this subscriber only (see it in the delivery log)',
  tags: ['webhooks'],
  access: ['admin'],
  request: { params: SubscriptionId },
  responses: {
    202: {
      description: 'Queued for delivery',
      schema: z.object({ eventId: z.string() }).meta({ id: 'WebhookTestEvent' }),
      example: { eventId: 'evt_test_K3M9Q2ZT7AK3M9Q2' },
    },
  },
});

export const changeSubscriptionStateRoute = defineRoute({
  operationId: 'changeWebhookSubscriptionState',
  method: 'POST',
  path: '/v1/webhooks/subscriptions/{subscriptionId}/state',
  summary: 'Enable a subscription again (its failing day starts afresh) or disable it',
  tags: ['webhooks'],
  access: ['admin'],
  request: {
    params: SubscriptionId,
    body: z.object({ state: z.enum(['active', 'disabled']), expectedRevision: z.number().int().optional() }),
    bodyExample: { state: 'active', expectedRevision: 3 },
  },
  responses: { 200: { description: 'The subscription as it now is', schema: SubscriptionView, example } },
});
