/**
 * Cursors at the HTTP edge: what a cursor is bound to, and `httpRoute` opening the incoming cursor and sealing the
 * outgoing one for every paginated contract — so handlers and use cases only ever see repository positions.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import { StaticCursorKeySource } from '../../../../lambdas/adapters/cursors/key-sources';
import { defineRoute, isPaginated } from '../../../../lambdas/contracts/route';
import { DependencyUnavailableError } from '../../../../lambdas/domain/errors';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { allRoutes } from '../../../../lambdas/functions';
import type { CursorKeySource } from '../../../../lambdas/ports/cursor-key-source';
import { sealCursor } from '../../../../lambdas/shared/cursors/codec';
import { CursorGuard, cursorBinding } from '../../../../lambdas/shared/cursors/guard';
import { generateCursorKeySet, rotateCursorKeySet } from '../../../../lambdas/shared/cursors/key-set';
import { httpRoute, json } from '../../../../lambdas/shared/http';
import type { Identity } from '../../../../lambdas/shared/identity';
import { buildHttpApiEvent } from '../../../../lib/local/http-event';
import { flattenClaims } from '../../../../lib/local/jwt-authorizer';

const officer: Identity = { subject: 'officer-1', roles: ['officer'] };
const enterprise: Identity = { subject: 'ent-1', roles: ['enterprise'], uscc: '91420100MA4K0A0A1E' };

const list = defineRoute({
  operationId: 'listThings',
  method: 'GET',
  path: '/v1/owners/{owner}/things',
  summary: 'List things',
  tags: ['t'],
  access: ['officer', 'enterprise'],
  request: {
    params: z.object({ owner: z.string() }),
    query: z.object({
      state: z.enum(['open', 'closed']).default('open'),
      kind: z.string().optional(),
      cursor: z.string().max(2048).optional(),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  responses: { 200: { description: 'A page' } },
});

describe('cursorBinding', () => {
  const bind = (query: Record<string, unknown>, identity: Identity | undefined = officer, owner = 'o1') =>
    cursorBinding(list, { params: { owner }, query, identity });

  test('equivalent queries bind alike: key order, page size, the cursor itself and absent filters do not count', () => {
    expect(bind({ state: 'open', kind: 'a', limit: 5, cursor: 'x' })).toBe(
      bind({ kind: 'a', state: 'open', limit: 50, kind2: undefined }),
    );
  });

  test('the route, a filter, a path parameter and the caller each change it', () => {
    const base = bind({ state: 'open' });
    const others = [
      cursorBinding(
        { ...list, path: '/v1/other' },
        { params: { owner: 'o1' }, query: { state: 'open' }, identity: officer },
      ),
      bind({ state: 'closed' }),
      bind({ state: 'open', kind: 'a' }),
      bind({ state: 'open' }, officer, 'o2'),
      bind({ state: 'open' }, { ...officer, subject: 'officer-2' }),
      bind({ state: 'open' }, enterprise),
      bind({ state: 'open' }, { ...enterprise, uscc: '91420100MA4K2X1R09' }),
      cursorBinding(list, { params: { owner: 'o1' }, query: { state: 'open' }, identity: undefined }),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  test('a path parameter the contract parsed into a licence number binds as its printed text', () => {
    // Prepare
    const bindTo = (licenceNo: unknown) =>
      cursorBinding(list, { params: { licenceNo }, query: { state: 'open' }, identity: officer });

    // Act
    const forms = ['42-XK06-001-00001', '(鄂)XK06-001-00001'].map((text) => bindTo(LicenceNumber.parse(text)));

    // Assess
    expect(new Set(forms)).toEqual(new Set([bindTo('(鄂)XK06-001-00001')]));
    expect(bindTo(LicenceNumber.parse('42-XK06-001-00002'))).not.toBe(forms[0]);
  });
});

function event(path: string, identity: Identity) {
  return buildHttpApiEvent(
    {
      method: 'GET',
      url: path,
      rawHeaders: [],
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
      localPort: 3000,
      httpVersion: '1.1',
    },
    { routeKey: 'GET /v1/owners/{owner}/things', pathParameters: { owner: 'o1' } },
    {
      requestId: 'r',
      now: new Date(),
      accountId: '000000000000',
      apiId: 'local',
      authorizer: {
        claims: flattenClaims({
          sub: identity.subject,
          'cognito:groups': [...identity.roles],
          ...(identity.uscc ? { 'custom:uscc': identity.uscc } : {}),
        }),
        scopes: null,
      },
    },
  );
}

/** A paginated handler over a fixed list: the position is the index of the next item, as a string. */
function pagedHandler(source: CursorKeySource, seen: (string | undefined)[]) {
  const items = ['a', 'b', 'c'];
  return httpRoute(
    list,
    async ({ query }) => {
      seen.push(query.cursor);
      const from = query.cursor ? Number(query.cursor) : 0;
      const next = from + (query.limit ?? 1);
      return json(200, { items: items.slice(from, next), ...(next < items.length ? { cursor: String(next) } : {}) });
    },
    { cursors: new CursorGuard(source, new ManualClock('2026-11-27T10:00:00Z')) },
  );
}

const call = async (handler: ReturnType<typeof pagedHandler>, path: string, identity: Identity = officer) => {
  const result = await handler(event(path, identity), { awsRequestId: 'a' } as Context);
  return { status: result.statusCode, body: JSON.parse(result.body ?? '{}') as Record<string, unknown> };
};

describe('httpRoute on a paginated contract', () => {
  const source = new StaticCursorKeySource(generateCursorKeySet(new Date('2026-11-27T10:00:00Z')));

  test('is refused without a cursor guard: a list route built the wrong way fails at cold start', () => {
    expect(() => httpRoute(list, async () => json(200, { items: [] }))).toThrow(/listThings pages a list/);
  });

  test('seals the outgoing cursor and hands the handler the position again', async () => {
    // Prepare
    const seen: (string | undefined)[] = [];
    const handler = pagedHandler(source, seen);
    // Act
    const first = await call(handler, '/v1/owners/o1/things?limit=1');
    const second = await call(handler, `/v1/owners/o1/things?limit=1&cursor=${first.body.cursor}`);
    const third = await call(handler, `/v1/owners/o1/things?limit=1&cursor=${second.body.cursor}`);
    // Assess
    expect([first.body.items, second.body.items, third.body.items]).toEqual([['a'], ['b'], ['c']]);
    expect(first.body.cursor).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(third.body.cursor).toBeUndefined();
    expect(seen).toEqual([undefined, '1', '2']);
  });

  test('an edited cursor or one for other filters or another caller is 400 before the handler runs', async () => {
    // Prepare
    const seen: (string | undefined)[] = [];
    const handler = pagedHandler(source, seen);
    const cursor = (await call(handler, '/v1/owners/o1/things?limit=1')).body.cursor as string;
    // Act
    const answers = [
      await call(handler, `/v1/owners/o1/things?cursor=${cursor.slice(0, -2)}AA`),
      await call(handler, `/v1/owners/o1/things?state=closed&cursor=${cursor}`),
      await call(handler, `/v1/owners/o1/things?cursor=${cursor}`, enterprise),
      await call(handler, '/v1/owners/o1/things?cursor=1'),
    ];
    // Assess
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
    }
    expect(seen).toEqual([undefined]);
    // The default filter written out is the same query.
    expect((await call(handler, `/v1/owners/o1/things?state=open&cursor=${cursor}`)).status).toBe(200);
  });

  test('a cursor sealed with a key this instance has not loaded yet opens after one refresh (a rotation)', async () => {
    // Prepare: the function cached the old set; the parameter already holds the rotated one
    const old = generateCursorKeySet(new Date('2026-11-27T10:00:00Z'));
    const rotated = rotateCursorKeySet(old, new Date('2026-11-27T10:00:00Z'));
    let refreshed = 0;
    const stale: CursorKeySource = {
      get: async () => old,
      refresh: async () => {
        refreshed++;
        return rotated;
      },
    };
    const binding = cursorBinding(list, { params: { owner: 'o1' }, query: { state: 'open' }, identity: officer });
    const cursor = sealCursor('1', binding, rotated);
    // Act
    const answer = await call(pagedHandler(stale, []), `/v1/owners/o1/things?cursor=${cursor}`);
    // Assess
    expect(answer).toMatchObject({ status: 200, body: { items: ['b'] } });
    expect(refreshed).toBe(1);
  });

  test('a key set that cannot be loaded is 503, not 500', async () => {
    const down: CursorKeySource = {
      get: () => Promise.reject(new DependencyUnavailableError('CURSOR_KEYS_UNAVAILABLE', 'SSM is down')),
      refresh: () => Promise.reject(new DependencyUnavailableError('CURSOR_KEYS_UNAVAILABLE', 'SSM is down')),
    };
    const answer = await call(pagedHandler(down, []), '/v1/owners/o1/things');
    expect(answer).toMatchObject({ status: 503, body: { code: 'CURSOR_KEYS_UNAVAILABLE' } });
  });
});

describe('the route contracts', () => {
  test('every route that answers with a cursor takes one back, so the pipeline seals it', () => {
    const answersWithCursor = allRoutes().filter((r) =>
      Object.values(r.responses).some((res) => {
        const shape = (res.schema as { shape?: Record<string, unknown> } | undefined)?.shape;
        return shape !== undefined && 'cursor' in shape;
      }),
    );
    expect(answersWithCursor.length).toBeGreaterThanOrEqual(9);
    expect(answersWithCursor.filter((r) => !isPaginated(r)).map((r) => r.operationId)).toEqual([]);
  });

  test('every paginated route accepts cursors up to the length the codec can produce', () => {
    for (const route of allRoutes().filter(isPaginated)) {
      const cursor = route.request?.query?.shape.cursor as z.ZodType;
      expect(cursor.safeParse('A'.repeat(2048)).success, route.operationId).toBe(true);
      expect(cursor.safeParse('A'.repeat(2049)).success, route.operationId).toBe(false);
    }
  });
});
