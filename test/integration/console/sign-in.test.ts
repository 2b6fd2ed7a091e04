/**
 * The console's sign-in through the local runtime: the local identity provider's authorization code + PKCE flow
 * (wrong verifier, reused code, wrong redirect_uri and an expired code refused), the session on the injected clock
 * (idle 30 min, absolute 12 h, sliding renewal), tampered cookies, and CSRF on sign-out.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { consoleHttp, type Jar } from '../../support/console/http';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  runtime = await startTestRuntime({ overrides: { clock } });
});
afterAll(() => runtime?.stop());

const { get, post, signIn, csrfOf } = consoleHttp(() => runtime.baseUrl);

const verifier = `${'v'.repeat(43)}abc`;
const challenge = createHash('sha256').update(verifier).digest('base64url');

async function codeFor(redirectUri: string): Promise<string> {
  const res = await fetch(`${runtime.baseUrl}/local-idp/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      response_type: 'code',
      client_id: 'permit-local-client',
      redirect_uri: redirectUri,
      state: 's1',
      nonce: 'n1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      username: 'officer',
      password: 'officer-demo',
    }),
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string).searchParams.get('code') as string;
}

const exchange = (fields: Record<string, string>) =>
  fetch(`${runtime.baseUrl}/local-idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'permit-local-client', ...fields }),
  });

describe('the local identity provider (authorization code + PKCE)', () => {
  test('discovery lists the endpoints and S256 only', async () => {
    const doc = await (await fetch(`${runtime.baseUrl}/local-idp/.well-known/openid-configuration`)).json();
    expect(doc).toMatchObject({
      authorization_endpoint: `${runtime.baseUrl}/local-idp/authorize`,
      token_endpoint: `${runtime.baseUrl}/local-idp/token`,
      end_session_endpoint: `${runtime.baseUrl}/local-idp/logout`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  test('a code exchanges once, with the right verifier and redirect_uri, for a Cognito-shaped ID token', async () => {
    const redirectUri = `${runtime.baseUrl}/console/callback`;
    const code = await codeFor(redirectUri);
    const wrongVerifier = await exchange({ code, redirect_uri: redirectUri, code_verifier: 'w'.repeat(43) });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });
    // The failed attempt spent the code: even the right verifier cannot use it now.
    const reused = await exchange({ code, redirect_uri: redirectUri, code_verifier: verifier });
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');

    const fresh = await codeFor(redirectUri);
    const ok = await exchange({ code: fresh, redirect_uri: redirectUri, code_verifier: verifier });
    expect(ok.status).toBe(200);
    const token = (await ok.json()) as { id_token: string };
    const claims = JSON.parse(Buffer.from(token.id_token.split('.')[1] as string, 'base64url').toString());
    expect(claims).toMatchObject({ token_use: 'id', 'cognito:groups': ['officer'], nonce: 'n1' });
    const again = await exchange({ code: fresh, redirect_uri: redirectUri, code_verifier: verifier });
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');
  });

  test('a wrong redirect_uri is refused at the token endpoint, and never redirected to at authorize', async () => {
    const redirectUri = `${runtime.baseUrl}/console/callback`;
    const code = await codeFor(redirectUri);
    const res = await exchange({ code, redirect_uri: `${runtime.baseUrl}/console/other`, code_verifier: verifier });
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    const evil = await fetch(
      `${runtime.baseUrl}/local-idp/authorize?response_type=code&client_id=permit-local-client&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&state=s&code_challenge=${challenge}&code_challenge_method=S256`,
      { redirect: 'manual' },
    );
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
  });

  test('a code expires 60 s after it was issued, on the runtime clock', async () => {
    const redirectUri = `${runtime.baseUrl}/console/callback`;
    const code = await codeFor(redirectUri);
    clock.advance({ seconds: 61 });
    const res = await exchange({ code, redirect_uri: redirectUri, code_verifier: verifier });
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  test('a wrong password shows the login page again with an alert (401)', async () => {
    const res = await fetch(`${runtime.baseUrl}/local-idp/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: 'permit-local-client',
        redirect_uri: `${runtime.baseUrl}/console/callback`,
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        username: 'enterprise',
        password: 'nope',
      }),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('role="alert"');
  });
});

describe('the console session', () => {
  test('an enterprise signs in and sees its licences page, with the console headers', async () => {
    const jar = await signIn();
    const res = await fetch(`${runtime.baseUrl}/console/licences`, {
      headers: { cookie: jar.header(), 'accept-encoding': 'br' },
    });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/form-action 'self' http:\/\/127\.0\.0\.1:\d+/);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('accept-encoding');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('permit_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\/console/);
    expect(session).not.toMatch(/Secure/); // plain http on loopback
    const page = await res.text();
    expect(page).toContain('<h1>我的许可证</h1>');
    expect(page).toContain('武汉示例机械制造有限公司');
  });

  test('the JSON API is not compressed', async () => {
    const res = await runtime.request('/v1/me/certificates', {
      as: 'enterprise',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  test('idle for 31 min: a GET goes back to sign-in, a POST gets a 401 page', async () => {
    const jar = await signIn();
    const csrf = await csrfOf(jar);
    clock.advance({ minutes: 31 });
    const page = await get(jar, '/console/licences');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole%2Flicences');
    const jar2 = await signIn();
    const csrf2 = await csrfOf(jar2);
    clock.advance({ minutes: 31 });
    const out = await post(jar2, '/console/sign-out', { _csrf: csrf2 });
    expect(out.status).toBe(401);
    expect(await out.text()).toContain('SESSION_REQUIRED');
    expect(csrf).not.toBe(csrf2);
  });

  test('use renews the session (sliding), but not beyond 12 h', async () => {
    const jar = await signIn();
    for (let i = 0; i < 24; i++) {
      clock.advance({ minutes: 29 });
      expect((await get(jar, '/console/licences')).status, `after ${(i + 1) * 29} min`).toBe(200);
    }
    // 24 × 29 min = 11 h 36 min; the next 29 min cross 12 h.
    clock.advance({ minutes: 29 });
    expect((await get(jar, '/console/licences')).status).toBe(303);
  });

  test('a tampered or forged session cookie is refused', async () => {
    const jar = await signIn();
    const sealed = jar.cookies.get('permit_session') as string;
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    jar.cookies.set('permit_session', [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.'));
    expect((await get(jar, '/console/licences')).status).toBe(303);
    jar.cookies.set('permit_session', 'v1.forged.AAAA.AAAA.AAAA');
    expect((await get(jar, '/console/licences')).status).toBe(303);
  });

  test('sign-out needs the session’s CSRF token, then ends the session at the provider', async () => {
    const jar = await signIn();
    const csrf = await csrfOf(jar);
    const forged = await post(jar, '/console/sign-out', { _csrf: 'x'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('CSRF_TOKEN_INVALID');
    const missing = await post(jar, '/console/sign-out', {});
    expect(missing.status).toBe(403);
    const out = await post(jar, '/console/sign-out', { _csrf: csrf });
    expect(out.status).toBe(303);
    const logout = new URL(out.headers.get('location') as string);
    expect(logout.pathname).toBe('/local-idp/logout');
    expect(jar.cookies.has('permit_session')).toBe(false);
    const back = await fetch(logout, { redirect: 'manual' });
    expect(back.headers.get('location')).toBe(`${runtime.baseUrl}/console/signed-out`);
    expect((await get(jar, '/console/licences')).status).toBe(303);
  });

  test('the second demo enterprise signs in with its own password and sees its own name, not the first’s', async () => {
    const jar = await signIn('enterprise2', 'enterprise2-demo');
    const page = await (await get(jar, '/console/licences')).text();
    expect(page).toContain('宜昌示例化工有限公司');
    expect(page).not.toContain('武汉示例机械制造有限公司');
  });

  test('staff may not see an enterprise page (403 page, in the shell)', async () => {
    const jar = await signIn('officer', 'officer-demo');
    const res = await get(jar, '/console/licences');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('调用者的角色无权执行此操作');
  });

  test('the language switch sets a cookie and the page turns English', async () => {
    const jar = await signIn();
    const sw = await get(jar, '/console/licences?lang=en');
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/console/licences');
    const page = await (await get(jar, '/console/licences')).text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('<h1>My licences</h1>');
  });

  test('an asset is served only at its current hash; another hash is sent to the current one', async () => {
    const { CONSOLE_ASSETS } = await import('../../../lambdas/presenters/console/assets');
    const css = CONSOLE_ASSETS['console.css'];
    const current = await fetch(`${runtime.baseUrl}${css?.href}`);
    expect(current.status).toBe(200);
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(current.headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const stale of ['?v=0000000000', '', '?v=']) {
      const res = await fetch(`${runtime.baseUrl}/console/assets/console.css${stale}`, { redirect: 'manual' });
      expect(res.status, stale).toBe(303);
      expect(res.headers.get('location')).toBe(css?.href);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toBe('');
    }
  });

  test('an unknown asset name is the console’s 404 page, whatever its hash; a known one is never confused with it', async () => {
    for (const name of ['other.css', 'constructor', '__proto__', 'console.css.map', 'x'.repeat(64)]) {
      // Act
      const res = await fetch(`${runtime.baseUrl}/console/assets/${name}?v=0000000000`, { redirect: 'manual' });
      // Assess
      expect(res.status, name).toBe(404);
      expect(res.headers.get('content-type'), name).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy'), name).toContain("default-src 'none'");
      expect(await res.text(), name).toContain('<main');
    }
  });

  test('any other address under /console, any method, signed in or not, is the console’s own 404 page (with the reader’s navigation)', async () => {
    // Prepare
    const { ERROR_MEANINGS } = await import('../../../lambdas/domain/error-catalogue');
    const jar = await signIn();
    const cases: [string, string, Jar | undefined][] = [
      ['GET', '/console/nope', undefined],
      ['GET', '/console/licences/x/y/z', jar],
      ['GET', '/console/%E8%AE%B8%E5%8F%AF<script>', jar],
      ['POST', '/console/nope', jar],
      ['DELETE', '/console/licences', undefined],
    ];
    for (const [method, path, who] of cases) {
      // Act
      const res = await fetch(`${runtime.baseUrl}${path}`, {
        method,
        redirect: 'manual',
        headers: who ? { cookie: who.header() } : {},
      });
      const page = await res.text();
      // Assess
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(page, path).toContain(ERROR_MEANINGS.PAGE_NOT_FOUND.zh);
      expect(page, path).not.toContain('<script>');
      expect(page.match(/<h1\b/g), path).toHaveLength(1);
      // A signed-in reader keeps their navigation and a working sign-out (the session's CSRF token) on it.
      if (who) {
        expect(page, path).toContain('href="/console/licences"');
        expect(page, path).toMatch(/name="_csrf" value="[^"]+"/);
      } else {
        expect(page, path).not.toContain('action="/console/sign-out"');
      }
    }
    // The pages themselves are not shadowed, and the API keeps the gateway's not-found.
    expect((await get(jar, '/console/licences')).status).toBe(200);
    expect((await fetch(`${runtime.baseUrl}/console/signed-out`)).status).toBe(200);
    const api = await fetch(`${runtime.baseUrl}/v1/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('the OpenAPI document does not list console routes', async () => {
    const doc = (await (await runtime.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
  });
});
