/**
 * A browser's side of the console over plain HTTP, for integration tests: a cookie jar, GET and form POST without
 * following redirects, and sign-in through the local identity provider's login page (authorization code + PKCE, as
 * a person does it), so pages are driven through the real console function with a real session.
 *
 * @example
 * const { signIn, get, post, csrfOf } = consoleHttp(() => runtime.baseUrl);
 * const jar = await signIn(); // the demo enterprise
 * const page = await get(jar, '/console/licences');
 * await post(jar, '/console/applications/new', { _csrf: await csrfOf(jar), kind: 'new', products: ['16-204'] });
 */
import { expect } from 'vitest';

/** A tiny cookie jar: name → value, as a browser on one origin would keep them. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, at);
      const value = (pair ?? '').slice(at + 1);
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Form fields: a list repeats the name (`products=a&products=b`), as checkboxes do. */
export type FormFields = Readonly<Record<string, string | readonly string[]>>;

const encode = (form: FormFields): URLSearchParams => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const v of typeof value === 'string' ? [value] : value) params.append(name, v);
  }
  return params;
};

/**
 * The helpers, bound to a runtime's base URL (read when called, so they can be made before the runtime starts).
 *
 * @example
 * const { get } = consoleHttp(() => runtime.baseUrl);
 */
export function consoleHttp(baseUrl: () => string) {
  const get = async (jar: Jar, url: string, headers: Record<string, string> = {}): Promise<Response> => {
    const res = await fetch(url.startsWith('http') ? url : `${baseUrl()}${url}`, {
      redirect: 'manual',
      headers: { cookie: jar.header(), ...headers },
    });
    jar.take(res);
    return res;
  };

  const post = async (
    jar: Jar,
    path: string,
    form: FormFields,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: encode(form),
    });
    jar.take(res);
    return res;
  };

  /** Sign in as a demo user through the login page, following every redirect; the jar holds the session. */
  const signIn = async (user = 'enterprise', password = 'enterprise-demo'): Promise<Jar> => {
    const jar = new Jar();
    const start = await get(jar, '/console/licences');
    expect(start.status).toBe(303);
    const toSignIn = await get(jar, start.headers.get('location') as string);
    const authorize = new URL(toSignIn.headers.get('location') as string);
    expect(authorize.pathname).toBe('/local-idp/authorize');
    const form = Object.fromEntries(authorize.searchParams);
    const login = await fetch(`${baseUrl()}/local-idp/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, username: user, password }),
    });
    expect(login.status).toBe(302);
    const callback = await get(jar, login.headers.get('location') as string);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/console/licences');
    return jar;
  };

  /** The session's CSRF token, as every page's forms carry it. */
  const csrfOf = async (jar: Jar): Promise<string> => {
    const page = await (await get(jar, '/console/licences')).text();
    return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  };

  return { get, post, signIn, csrfOf };
}
