/**
 * The console pipeline's list paging (no runtime): a page whose contract has a `cursor` query parameter receives the
 * opened position and links its next page with the position sealed — bound to the route, its filters (not its
 * display-only parameters) and the person — as the API's lists do. A raw, forged, replayed or foreign cursor is the
 * 400 page `INVALID_CURSOR`; no storage position reaches the browser.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { StaticCursorKeySource } from '../../../lambdas/adapters/cursors/key-sources';
import { defineRoute } from '../../../lambdas/contracts/route';
import type { OidcClient } from '../../../lambdas/ports/oidc-client';
import type { ConsoleDeps } from '../../../lambdas/shared/console/deps';
import { type ConsoleSession, randomToken, SessionSealer } from '../../../lambdas/shared/console/session';
import { consoleRoute } from '../../../lambdas/shared/console-route';
import { CursorGuard } from '../../../lambdas/shared/cursors/guard';
import { generateCursorKeySet } from '../../../lambdas/shared/cursors/key-set';
import type { HttpEvent, HttpResult } from '../../../lambdas/shared/http';
import { FakeCursorKeySource } from '../../support/fakes';

const listPage = defineRoute({
  operationId: 'consoleTestList',
  method: 'GET',
  path: '/console/test-list',
  summary: 'A list page for this test',
  tags: ['console'],
  access: ['officer', 'reviewer'],
  request: {
    query: z.object({
      state: z.string().max(20).optional(),
      notice: z.string().max(20).optional(),
      cursor: z.string().max(2048).optional(),
    }),
  },
  responses: { 200: { description: 'The page', contentType: 'text/html' } },
});

function world() {
  const clock = new ManualClock('2026-12-04T10:00:00+08:00');
  const deps: ConsoleDeps = {
    sealer: new SessionSealer(new FakeCursorKeySource(clock)),
    clock,
    oidc: {} as OidcClient,
    publicBaseUrl: 'https://permit.example.gov.cn',
    secureCookies: true,
    origins: { identityOrigin: 'https://idp.example' },
    cursors: new CursorGuard(new StaticCursorKeySource(generateCursorKeySet(clock.now())), clock),
  };
  const seen: (string | undefined)[] = [];
  const handler = consoleRoute(
    listPage,
    async ({ query, nextPage }) => {
      seen.push(query.cursor);
      const next = await nextPage(query.cursor ? undefined : 'POSITION-2');
      return { kind: 'page', title: { zh: '列表', en: 'List' }, body: `<a id="next" href="${next ?? ''}">next</a>` };
    },
    { deps: () => deps, displayOnly: ['notice'] },
  );
  const sessionOf = (sub: string): ConsoleSession => ({
    sub,
    name: sub,
    roles: ['officer'],
    issuedAt: clock.now().getTime(),
    lastSeenAt: clock.now().getTime(),
    csrf: randomToken(),
  });
  const get = async (query: string, sub = 'officer-1'): Promise<HttpResult> => {
    const sealed = await deps.sealer.seal('session', sessionOf(sub), clock.now());
    const event = {
      rawPath: '/console/test-list',
      rawQueryString: query,
      headers: {},
      cookies: [`permit_session=${sealed}`],
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', path: '/console/test-list' }, requestId: 'r-1' },
    } as unknown as HttpEvent;
    return (await handler(event, {} as Context)) as HttpResult;
  };
  return { get, seen };
}

const nextHref = (result: HttpResult): string => {
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString() : (result.body ?? '');
  return /id="next" href="([^"]*)"/.exec(body)?.[1]?.replaceAll('&amp;', '&') ?? '';
};

describe('a console list page’s cursors', () => {
  test('the next page’s link keeps the filters, drops display-only parameters, and carries the position sealed', async () => {
    // Prepare
    const w = world();

    // Act
    const first = await w.get('state=open&notice=done');
    const link = new URL(nextHref(first), 'https://permit.example.gov.cn');

    // Assess
    expect(first.statusCode).toBe(200);
    expect(link.pathname).toBe('/console/test-list');
    expect(link.searchParams.get('state')).toBe('open');
    expect(link.searchParams.has('notice')).toBe(false);
    const sealed = link.searchParams.get('cursor') ?? '';
    expect(sealed).not.toContain('POSITION');
    expect(sealed.length).toBeGreaterThan(20);

    const second = await w.get(link.search.slice(1));
    expect(second.statusCode).toBe(200);
    expect(w.seen).toEqual([undefined, 'POSITION-2']);
  });

  test.each([
    ['another filter', (search: URLSearchParams) => search.set('state', 'closed'), 'officer-1'],
    ['another person', () => undefined, 'officer-2'],
    ['a raw storage position', (search: URLSearchParams) => search.set('cursor', 'POSITION-2'), 'officer-1'],
  ])('a cursor replayed with %s is the 400 page INVALID_CURSOR, and the page never runs', async (_, change, sub) => {
    // Prepare
    const w = world();
    const link = new URL(nextHref(await w.get('state=open')), 'https://permit.example.gov.cn');
    change(link.searchParams);

    // Act
    const result = await w.get(link.searchParams.toString(), sub);

    // Assess
    expect(result.statusCode).toBe(400);
    const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString() : (result.body ?? '');
    expect(body).toContain('INVALID_CURSOR');
    expect(w.seen).toEqual([undefined]);
  });
});
