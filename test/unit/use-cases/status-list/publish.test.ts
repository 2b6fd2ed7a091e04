/**
 * The status-list publisher on the in-memory world: the first list holds every licence that is not valid; a message
 * writes its licence's status as the head says now, signed so that the JWKS alone verifies it; a batch shares one
 * signature; nothing changed and fresh publishes nothing but completes its messages; the schedule signs an hour-old
 * list again; a publisher that lost the race redoes its work on the newer list (nothing of the winner's undone); an
 * unreadable message is dropped and a licence without a slot is left out.
 */
import { describe, expect, test } from 'vitest';
import type { CertificateStatus, StatusAction } from '../../../../lambdas/domain/certificate-status';
import type { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { licenceStatusOf } from '../../../../lambdas/domain/status-list/licence-status';
import { verifyStatusListToken } from '../../../../lambdas/domain/status-list/status-list-token';
import type { PublishedStatusList } from '../../../../lambdas/ports/status-list-store';
import {
  publishStatusList,
  STATUS_LIST_LIFETIME_SECONDS,
  STATUS_LIST_RESIGN_SECONDS,
} from '../../../../lambdas/use-cases/status-list/publish';
import {
  FAKE_STATUS_LIST_URL,
  FakeStatusListStore,
  FakeWorld,
  fakeStatusListPublisherDeps,
  issued,
  statusChanged,
  withoutStatusSlot,
} from '../../../support/fakes';

const change = statusChanged;

/** The bodies of the status-list messages published so far (what the queue would deliver), then forgotten. */
function delivered(world: FakeWorld): string[] {
  const bodies = world.publisher.sent.filter((m) => m.topic === 'statusList').map((m) => JSON.stringify(m.body));
  world.publisher.forget();
  return bodies;
}

/** The published list, verified against the world's key set alone, read at each licence's index. */
async function statusesIn(world: FakeWorld, licences: readonly LicenceNumber[]): Promise<CertificateStatus[]> {
  const published = world.table.statusList as PublishedStatusList;
  const { list, claims } = await verifyStatusListToken(published.jwt, await world.keys.get(), {
    now: world.clock.now(),
    expectedSubject: FAKE_STATUS_LIST_URL,
  });
  expect(claims).toMatchObject({ iat: published.iat, exp: published.exp, ttl: 5 });
  return Promise.all(
    licences.map(async (licenceNo) => {
      const index = (await world.certificates.get(licenceNo))?.certificate.statusListIndex as number;
      return licenceStatusOf(list.get(index));
    }),
  );
}

describe('publishStatusList', () => {
  test('the first list holds every licence that is not valid; each change is read back from the signed list', async () => {
    // Prepare: three licences, one already suspended before any list
    const world = new FakeWorld();
    const [a, b, c] = (await Promise.all([1, 2, 3].map((seed) => issued(world, { seed })))).map(
      (i) => i.certificate.licenceNumber,
    ) as [LicenceNumber, LicenceNumber, LicenceNumber];
    await change(world, a, 'suspend');
    const deps = fakeStatusListPublisherDeps(world);

    // Act + Assess: the first list (from the status index, and the suspension's own message)
    expect(await publishStatusList(deps, { bodies: delivered(world) })).toMatchObject({
      published: true,
      version: 1,
      completed: 1,
    });
    expect(await statusesIn(world, [a, b, c])).toEqual(['suspended', 'valid', 'valid']);

    // Act + Assess: reinstate, revoke, cancel — each delivered message read back from the next list
    const steps: [LicenceNumber, StatusAction, CertificateStatus[]][] = [
      [a, 'reinstate', ['valid', 'valid', 'valid']],
      [b, 'revoke', ['valid', 'revoked', 'valid']],
      [c, 'cancel', ['valid', 'revoked', 'cancelled']],
      [a, 'suspend', ['suspended', 'revoked', 'cancelled']],
    ];
    for (const [licence, action, expected] of steps) {
      world.clock.advance({ minutes: 1 });
      await change(world, licence, action);
      const result = await publishStatusList(deps, { bodies: delivered(world) });
      expect(result).toMatchObject({ published: true, changed: 1, completed: 1 });
      expect(await statusesIn(world, [a, b, c])).toEqual(expected);
    }
    expect(world.table.statusList?.version).toBe(5);
    // Every message was completed: the relay has nothing left to re-send
    expect([...world.table.outbox.keys()].filter((key) => key.startsWith('statusList#'))).toEqual([]);
  });

  test('a batch of changes shares one signature; a message whose status the list already holds signs nothing', async () => {
    // Prepare
    const world = new FakeWorld();
    const licences = (await Promise.all([4, 5, 6].map((seed) => issued(world, { seed })))).map(
      (i) => i.certificate.licenceNumber,
    );
    const deps = fakeStatusListPublisherDeps(world);
    await publishStatusList(deps, {});
    for (const licence of licences) await change(world, licence, 'suspend');
    const bodies = delivered(world);
    const before = world.signer.signatures;

    // Act
    const batch = await publishStatusList(deps, { bodies });
    const again = await publishStatusList(deps, { bodies }); // the same messages delivered twice

    // Assess
    expect(batch).toMatchObject({ published: true, version: 2, changed: 3, completed: 3 });
    expect(again).toMatchObject({ published: false, version: 2, changed: 0, completed: 3 });
    expect(world.signer.signatures - before).toBe(1);
    expect(await statusesIn(world, licences)).toEqual(['suspended', 'suspended', 'suspended']);
  });

  test('the schedule signs the list again once an hour old, with a new exp; sooner it does nothing', async () => {
    // Prepare
    const world = new FakeWorld();
    const deps = fakeStatusListPublisherDeps(world);
    await publishStatusList(deps, {});
    const first = world.table.statusList as PublishedStatusList;

    // Act
    world.clock.advance({ minutes: 59 });
    const early = await publishStatusList(deps, {});
    world.clock.advance({ minutes: 1 });
    const due = await publishStatusList(deps, {});

    // Assess
    expect(early).toMatchObject({ published: false, version: 1 });
    expect(due).toMatchObject({ published: true, version: 2, changed: 0 });
    const second = world.table.statusList as PublishedStatusList;
    expect(second.iat - first.iat).toBe(STATUS_LIST_RESIGN_SECONDS);
    expect(second.exp - second.iat).toBe(STATUS_LIST_LIFETIME_SECONDS);
  });

  test('a publisher that lost the race reads the newer list and redoes its work: nothing of the winner is undone', async () => {
    // Prepare: two licences changed; "another publisher" stores the list with b's change while this one signs a's
    const world = new FakeWorld();
    const [a, b] = (await Promise.all([7, 8].map((seed) => issued(world, { seed })))).map(
      (i) => i.certificate.licenceNumber,
    ) as [LicenceNumber, LicenceNumber];
    const deps = fakeStatusListPublisherDeps(world);
    await publishStatusList(deps, {});
    await change(world, a, 'revoke');
    const forA = delivered(world);
    await change(world, b, 'suspend');
    const forB = delivered(world);
    const store = new FakeStatusListStore(world.table);
    let raced = false;
    const racing = {
      published: () => store.published(),
      isAllocated: (index: number) => store.isAllocated(index),
      publish: async (list: PublishedStatusList) => {
        if (!raced) {
          raced = true;
          await publishStatusList(deps, { bodies: forB }); // the winner stores version 2 first
        }
        return store.publish(list);
      },
    };

    // Act
    const result = await publishStatusList({ ...deps, store: racing }, { bodies: forA });

    // Assess
    expect(result).toMatchObject({ published: true, version: 3 });
    expect(await statusesIn(world, [a, b])).toEqual(['revoked', 'suspended']);
  });

  test('an unreadable message is dropped; a licence without a slot is left out until the backfill', async () => {
    // Prepare: a licence from before the list (no slot), suspended
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 9 });
    withoutStatusSlot(world, certificate.licenceNumber);
    await change(world, certificate.licenceNumber, 'suspend');
    const deps = fakeStatusListPublisherDeps(world);

    // Act
    const result = await publishStatusList(deps, { bodies: ['not json', '{"licenceNo":7}', ...delivered(world)] });

    // Assess
    expect(result).toMatchObject({ published: true, version: 1, changed: 0, unslotted: 1, completed: 1 });
  });
});
