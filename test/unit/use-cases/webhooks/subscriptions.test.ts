/**
 * The webhook subscription use cases on the in-memory world: a registration stores the request with its secret sealed
 * (never in the clear) and audits it; an idempotent retry answers the same subscription and secret, another request
 * under the key is refused; a rotation gives a new secret, keeps the old one signing for the overlap, is conditioned
 * on the revision and audited; a missing subscription is 404; bad input never writes.
 */
import { describe, expect, test } from 'vitest';
import { signingSecrets } from '../../../../lambdas/domain/webhooks/subscription';
import {
  changeSubscriptionState,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  registerSubscription,
  rotateSubscriptionSecret,
  type SubscriptionDeps,
} from '../../../../lambdas/use-cases/webhooks/subscriptions';
import { FakeWorld } from '../../../support/fakes';

const admin = { id: 'admin-1', role: 'admin' };
const input = { url: 'https://hooks.example.cn/permit', events: ['licence.status_changed'] };

function setUp() {
  const world = new FakeWorld();
  const deps: SubscriptionDeps = {
    subscriptions: world.webhookSubscriptions,
    deliveries: world.webhookDeliveries,
    secrets: world.secretBox,
    audit: world.adminAudit,
    clock: world.clock,
    allowLoopback: false,
  };
  return { world, deps };
}

describe('registerSubscription', () => {
  test('stores the request with its secret sealed, answers the secret once and audits the registration', async () => {
    // Prepare
    const { world, deps } = setUp();

    // Act
    const { subscription, secret, replayed } = await registerSubscription(deps, { input, actor: admin });

    // Assess
    expect(replayed).toBe(false);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const stored = await world.webhookSubscriptions.get(subscription.id);
    expect(stored).toMatchObject({
      url: input.url,
      events: ['licence.status_changed'],
      filter: { licences: [], usccs: [], categories: [] },
      state: 'active',
      createdBy: 'admin-1',
      revision: 1,
    });
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(await world.secretBox.open(stored?.secrets[0]?.secret ?? '', subscription.id)).toBe(secret);
    expect(world.adminAudit.entries).toMatchObject([
      {
        action: 'webhook-subscription-registered',
        subject: subscription.id,
        actor: admin,
        details: { url: input.url },
      },
    ]);
  });

  test('an idempotent retry answers the same subscription and secret; another request under the key is 409', async () => {
    // Prepare
    const { world, deps } = setUp();
    const first = await registerSubscription(deps, { input, actor: admin, idempotencyKey: 'reg-00000001' });

    // Act
    const again = await registerSubscription(deps, { input, actor: admin, idempotencyKey: 'reg-00000001' });
    const other = await registerSubscription(deps, {
      input: { ...input, events: ['licence.issued'] },
      actor: admin,
      idempotencyKey: 'reg-00000001',
    }).catch((e: unknown) => e);
    const anotherAdmin = await registerSubscription(deps, {
      input,
      actor: { id: 'admin-2', role: 'admin' },
      idempotencyKey: 'reg-00000001',
    });

    // Assess
    expect(again).toEqual({ ...first, replayed: true });
    expect(other).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(anotherAdmin.subscription.id).not.toBe(first.subscription.id);
    expect((await listSubscriptions(deps, {})).items).toHaveLength(2);
    expect(world.adminAudit.entries).toHaveLength(2);
  });

  test('bad input is refused with its code and nothing is written', async () => {
    // Prepare
    const { world, deps } = setUp();

    // Act
    const error = await registerSubscription(deps, {
      input: { url: 'https://192.168.1.10/hook', events: ['licence.status_changed'] },
      actor: admin,
    }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'WEBHOOK_URL_NOT_PUBLIC' });
    expect((await listSubscriptions(deps, {})).items).toEqual([]);
    expect(world.adminAudit.entries).toEqual([]);
  });
});

describe('rotateSubscriptionSecret', () => {
  test('a new secret signs beside the old one for the overlap, at the next revision, audited', async () => {
    // Prepare
    const { world, deps } = setUp();
    const { subscription, secret: old } = await registerSubscription(deps, { input, actor: admin });
    world.clock.advance({ hours: 1 });

    // Act
    const rotated = await rotateSubscriptionSecret(deps, { id: subscription.id, overlapHours: 24, actor: admin });

    // Assess
    const stored = await getSubscription(deps, subscription.id);
    expect(stored.revision).toBe(2);
    const open = (sealed: readonly string[]) =>
      Promise.all(sealed.map((s) => world.secretBox.open(s, subscription.id)));
    expect(await open(signingSecrets(stored.secrets, world.clock.now()))).toEqual([rotated.secret, old]);
    world.clock.advance({ hours: 24 });
    expect(await open(signingSecrets(stored.secrets, world.clock.now()))).toEqual([rotated.secret]);
    expect(world.adminAudit.entries.at(-1)).toMatchObject({
      action: 'webhook-secret-rotated',
      subject: subscription.id,
      details: { overlapHours: 24 },
    });
  });

  test('a stale expectedRevision is 409, an unknown id 404, an overlap out of range 400', async () => {
    // Prepare
    const { deps } = setUp();
    const { subscription } = await registerSubscription(deps, { input, actor: admin });

    // Act
    const stale = await rotateSubscriptionSecret(deps, {
      id: subscription.id,
      overlapHours: 1,
      actor: admin,
      expectedRevision: 7,
    }).catch((e: unknown) => e);
    const missing = await rotateSubscriptionSecret(deps, {
      id: 'WH-AAAAAAAAAAAAAAAAAAAA',
      overlapHours: 1,
      actor: admin,
    }).catch((e: unknown) => e);
    const tooLong = await rotateSubscriptionSecret(deps, { id: subscription.id, overlapHours: 96, actor: admin }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(stale).toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
    expect(missing).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
    expect(tooLong).toMatchObject({ code: 'WEBHOOK_OVERLAP_INVALID' });
    expect((await getSubscription(deps, subscription.id)).revision).toBe(1);
  });
});

describe('changeSubscriptionState and listDeliveries', () => {
  test('an admin disables and enables a subscription again: audited, its failing day starts afresh', async () => {
    // Prepare
    const { world, deps } = setUp();
    const { subscription } = await registerSubscription(deps, { input, actor: admin });
    await world.webhookDeliveries.noteHealth(subscription.id, false, world.clock.now());

    // Act
    const disabled = await changeSubscriptionState(deps, { id: subscription.id, state: 'disabled', actor: admin });
    const enabled = await changeSubscriptionState(deps, { id: subscription.id, state: 'active', actor: admin });
    const stale = await changeSubscriptionState(deps, {
      id: subscription.id,
      state: 'disabled',
      actor: admin,
      expectedRevision: 1,
    }).catch((e: unknown) => e);

    // Assess
    expect(disabled).toMatchObject({ state: 'disabled', revision: 2, disabledAt: expect.any(String) });
    expect(enabled).toMatchObject({ state: 'active', revision: 3 });
    expect(enabled.disabledAt).toBeUndefined();
    expect(world.table.webhookHealth.has(subscription.id)).toBe(false);
    expect(stale).toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
    expect(world.adminAudit.entries.map((e) => e.action)).toEqual([
      'webhook-subscription-registered',
      'webhook-subscription-disabled',
      'webhook-subscription-enabled',
    ]);
  });

  test('the delivery log of an unknown subscription is 404', async () => {
    // Prepare
    const { deps } = setUp();

    // Act
    const error = await listDeliveries(deps, 'WH-AAAAAAAAAAAAAAAAAAAA', {}).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
  });
});
