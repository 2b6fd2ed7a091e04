/**
 * The status list as the public reads it: the published token with a strong ETag that changes with it; 404
 * `STATUS_LIST_NOT_PUBLISHED` before the first list; one entry read from the published list; 400
 * `STATUS_LIST_INDEX_OUT_OF_RANGE` for anything but a whole number inside the list; 404
 * `STATUS_LIST_INDEX_NOT_ALLOCATED` for a slot no licence holds.
 */
import { describe, expect, test } from 'vitest';
import { STATUS_LIST_SIZE } from '../../../../lambdas/domain/status-list/status-list';
import { publishStatusList } from '../../../../lambdas/use-cases/status-list/publish';
import { publishedStatusList, statusListEntry } from '../../../../lambdas/use-cases/status-list/read';
import {
  FAKE_STATUS_LIST_URL,
  FakeWorld,
  fakeStatusListPublisherDeps,
  issued,
  statusChanged,
} from '../../../support/fakes';

async function published() {
  const world = new FakeWorld();
  const { certificate } = await issued(world);
  await statusChanged(world, certificate.licenceNumber, 'suspend');
  await publishStatusList(fakeStatusListPublisherDeps(world), {});
  const deps = { reader: world.statusLists, listUrl: FAKE_STATUS_LIST_URL };
  return { world, deps, index: certificate.statusListIndex as number };
}

describe('publishedStatusList', () => {
  test('answers the token with an ETag that changes with each publication', async () => {
    // Prepare
    const { world, deps } = await published();

    // Act
    const first = await publishedStatusList(deps);
    world.clock.advance({ hours: 1 });
    await publishStatusList(fakeStatusListPublisherDeps(world), {});
    const second = await publishedStatusList(deps);

    // Assess
    expect(first.jwt).toBe(world.statusLists.stored[0]?.jwt);
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(second.etag).not.toBe(first.etag);
  });

  test('is 404 STATUS_LIST_NOT_PUBLISHED before the first list', async () => {
    // Prepare
    const world = new FakeWorld();

    // Act
    const error = await publishedStatusList({ reader: world.statusLists }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'NotFoundError', code: 'STATUS_LIST_NOT_PUBLISHED' });
  });
});

describe('statusListEntry', () => {
  test('reads a held slot from the published list', async () => {
    // Prepare
    const { world, deps, index } = await published();

    // Act
    const entry = await statusListEntry(deps, String(index));

    // Assess
    const list = world.table.statusList;
    expect(entry).toEqual({
      list: FAKE_STATUS_LIST_URL,
      index,
      status: 'suspended',
      statusValue: 2,
      listIssuedAt: new Date((list?.iat ?? 0) * 1000).toISOString(),
      listExpiresAt: new Date((list?.exp ?? 0) * 1000).toISOString(),
      note: expect.stringContaining('Expiry is not in the list'),
    });
  });

  test.each([String(STATUS_LIST_SIZE), '-1', '1.5', 'abc', '', '1e3', '00000000001', ' 7'])(
    'refuses index %j: 400 STATUS_LIST_INDEX_OUT_OF_RANGE',
    async (text) => {
      // Prepare
      const { deps } = await published();

      // Act
      const error = await statusListEntry(deps, text).catch((e: unknown) => e);

      // Assess
      expect(error).toMatchObject({ name: 'ValidationError', code: 'STATUS_LIST_INDEX_OUT_OF_RANGE' });
    },
  );

  test('is 404 STATUS_LIST_INDEX_NOT_ALLOCATED for a slot no licence holds', async () => {
    // Prepare
    const { deps, index } = await published();
    const free = (index + 1) % STATUS_LIST_SIZE;

    // Act
    const error = await statusListEntry(deps, String(free)).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'NotFoundError', code: 'STATUS_LIST_INDEX_NOT_ALLOCATED' });
  });
});
