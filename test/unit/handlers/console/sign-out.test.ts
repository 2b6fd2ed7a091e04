/**
 * POST /console/sign-out with its deps passed in (no runtime): the session's CSRF token is required, the session
 * cookie is ended, and the browser goes to the provider's logout with the signed-out page as its way back.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import { signOutHandler } from '../../../../lambdas/handlers/console/sign-out';
import type { OidcClient } from '../../../../lambdas/ports/oidc-client';
import type { ConsoleDeps } from '../../../../lambdas/shared/console/deps';
import { type ConsoleSession, randomToken, SessionSealer } from '../../../../lambdas/shared/console/session';
import type { HttpEvent, HttpResult } from '../../../../lambdas/shared/http';
import { FakeCursorKeySource } from '../../../support/fakes';

function world() {
  const clock = new ManualClock('2026-11-27T10:00:00+08:00');
  const logouts: { postLogoutRedirectUri: string; uiLocales?: string }[] = [];
  const oidc: OidcClient = {
    authorizationUrl: async () => 'https://idp.example/authorize',
    signIn: async () => ({}) as never,
    logoutUrl: async (request) => {
      logouts.push(request);
      return `https://idp.example/logout?to=${encodeURIComponent(request.postLogoutRedirectUri)}`;
    },
  };
  const deps: ConsoleDeps = {
    sealer: new SessionSealer(new FakeCursorKeySource(clock)),
    clock,
    oidc,
    publicBaseUrl: 'https://permit.example.gov.cn',
    secureCookies: true,
    origins: { identityOrigin: 'https://idp.example' },
  };
  const session: ConsoleSession = {
    sub: 'u1',
    name: '武汉示例机械制造有限公司',
    roles: ['enterprise'],
    uscc: '91420100MA4K0A0A1E',
    issuedAt: clock.now().getTime(),
    lastSeenAt: clock.now().getTime(),
    csrf: randomToken(),
  };
  return { clock, deps, logouts, session, handler: signOutHandler({ deps: () => deps }) };
}

async function postSignOut(w: ReturnType<typeof world>, form: Record<string, string>): Promise<HttpResult> {
  const sealed = await w.deps.sealer.seal('session', w.session, w.clock.now());
  const event = {
    rawPath: '/console/sign-out',
    rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    cookies: [`permit_session=${sealed}`, 'permit_lang=en'],
    body: new URLSearchParams(form).toString(),
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/console/sign-out' }, requestId: 'r-1' },
  } as unknown as HttpEvent;
  return (await w.handler(event, {} as Context)) as HttpResult;
}

describe('POST /console/sign-out', () => {
  test('with the session’s token: ends the session and goes to the provider’s logout, then to signed-out', async () => {
    // Prepare
    const w = world();

    // Act
    const result = await postSignOut(w, { _csrf: w.session.csrf });

    // Assess
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe(
      `https://idp.example/logout?to=${encodeURIComponent('https://permit.example.gov.cn/console/signed-out')}`,
    );
    expect(w.logouts).toEqual([
      { postLogoutRedirectUri: 'https://permit.example.gov.cn/console/signed-out', uiLocales: 'en' },
    ]);
    expect(result.cookies).toEqual(['permit_session=; Path=/console; HttpOnly; SameSite=Lax; Secure; Max-Age=0']);
  });

  test.each([
    ['a forged token', { _csrf: randomToken() }],
    ['no token', {} as Record<string, string>],
  ])('with %s: a 403 page, and the session lives on', async (_what, form) => {
    // Prepare
    const w = world();

    // Act
    const result = await postSignOut(w, form);

    // Assess
    expect(result.statusCode).toBe(403);
    expect(w.logouts).toEqual([]);
    expect(result.cookies?.some((c) => /^permit_session=v1\./.test(c))).toBe(true);
    expect(result.cookies?.some((c) => /^permit_session=;/.test(c))).toBe(false);
  });
});
