/**
 * The local identity provider's authorization server: what Cognito's hosted UI (or the provincial portal) does for the
 * web console, on the laptop — OpenID Connect's authorization code flow with PKCE (S256 only) for a public client.
 *
 * - `GET /local-idp/authorize` checks the client and its registered `redirect_uri` (a wrong one is shown an error page,
 *   never redirected to), then shows the login page: the demo users with their passwords, in Chinese and English.
 * - `POST /local-idp/authorize` checks the user name and password; on success it redirects to `redirect_uri` with a
 *   code and the `state`.
 * - `POST /local-idp/token` exchanges a code for an ID token (`application/x-www-form-urlencoded`): the code is
 *   single-use, lives 60 s on the runtime's clock, and is bound to the client, the `redirect_uri` and the PKCE
 *   `code_verifier`; any mismatch is `invalid_grant` (RFC 6749 §5.2), and a reused code is refused for good.
 * - `GET /local-idp/logout` (end-session): there is no provider session to end (every sign-in shows the login page),
 *   so it redirects to a registered post-logout URI, or shows a "signed out" page.
 *
 * Tokens are minted by {@link LocalIdentityProvider}: Cognito-shaped, so the API's JWT authorizer is unchanged.
 *
 * @example
 * const server = localAuthorizationServer({ idp, now: () => clock.now(), clients: () => [{ clientId, redirectUris }] });
 * startGateway({ …, localRoutes: server.routes });
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Role } from '../../lambdas/contracts/route';
import { DEMO_PASSWORDS, DEMO_USERS, type DemoUser } from './demo-users';
import type { LocalRoute } from './gateway';
import { readBody } from './http-io';
import type { GatewayResponse } from './http-result';
import { LOCAL_IDP_PATHS, type LocalIdentityProvider } from './identity';
import { LOGIN_STYLESHEET, type LoginLang, loginPage, messagePage } from './identity-login';

/** How long a code may wait for its exchange (Cognito: 5 min; ours is short, the exchange is immediate). */
export const CODE_LIFETIME_MS = 60_000;
/** Lifetime of the minted ID token (Cognito's console client: 1 h). */
const ID_TOKEN_TTL_SECONDS = 60 * 60;

export interface RegisteredClient {
  readonly clientId: string;
  /** Exact `redirect_uri` values accepted (no prefix matching, as Cognito). */
  readonly redirectUris: readonly string[];
  /** Where end-session may send the browser back to. */
  readonly postLogoutRedirectUris: readonly string[];
}

export interface AuthorizationServerOptions {
  readonly idp: LocalIdentityProvider;
  /** The runtime's clock (codes expire on it). */
  readonly now: () => Date;
  /** Registered clients, read per request (their URIs depend on the gateway's port). */
  readonly clients: () => readonly RegisteredClient[];
}

interface IssuedCode {
  readonly user: DemoUser;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly expiresAt: number;
}

/** The authorization request's parameters, carried through the login form as hidden fields. */
const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'ui_locales',
] as const;

type AuthorizeParams = Partial<Record<(typeof AUTHORIZE_PARAMS)[number], string>>;

const MAX_FORM_BYTES = 16 * 1024;

/**
 * The login page, token endpoint and end-session endpoint as gateway-local routes.
 *
 * @example
 * const { routes } = localAuthorizationServer({ idp, now: () => new Date(), clients: () => [client] });
 */
export function localAuthorizationServer(options: AuthorizationServerOptions): { readonly routes: LocalRoute[] } {
  const codes = new Map<string, IssuedCode>();
  /** Codes already exchanged (or tried after expiry): refused for good, as RFC 6749 §4.1.2 asks. */
  const spent = new Set<string>();

  const clientOf = (id: string | undefined) => options.clients().find((c) => c.clientId === id);

  function sweep(now: number): void {
    for (const [code, issued] of codes) if (issued.expiresAt <= now) codes.delete(code);
  }

  /** Checks that must pass before anything is redirected to `redirect_uri`: else an error page. */
  function checkRequest(p: AuthorizeParams): { ok: true } | { ok: false; page: GatewayResponse } {
    const lang = langOf(p.ui_locales);
    const client = clientOf(p.client_id);
    if (!client) return { ok: false, page: messagePage(400, lang, 'unknown_client') };
    if (!p.redirect_uri || !client.redirectUris.includes(p.redirect_uri)) {
      return { ok: false, page: messagePage(400, lang, 'bad_redirect_uri') };
    }
    if (p.response_type !== 'code') return { ok: false, page: messagePage(400, lang, 'bad_request') };
    if (p.code_challenge_method !== 'S256' || !p.code_challenge || !/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge)) {
      return { ok: false, page: messagePage(400, lang, 'pkce_required') };
    }
    if (!p.state || p.state.length > 512 || (p.nonce?.length ?? 0) > 512) {
      return { ok: false, page: messagePage(400, lang, 'bad_request') };
    }
    return { ok: true };
  }

  const authorize: LocalRoute = {
    path: LOCAL_IDP_PATHS.authorize,
    async serve(method, req) {
      if (method === 'GET') {
        const p = pick(new URL(req.url ?? '/', 'http://local').searchParams);
        const checked = checkRequest(p);
        if (!checked.ok) return checked.page;
        return loginPage({ lang: langOf(p.ui_locales), params: p, redirectOrigin: originOf(p.redirect_uri) });
      }
      if (method !== 'POST') return messagePage(405, 'zh-CN', 'bad_request');
      const form = await readForm(req);
      if (!form) return messagePage(413, 'zh-CN', 'bad_request');
      const p = pick(form);
      const checked = checkRequest(p);
      if (!checked.ok) return checked.page;
      const user = signIn(form.get('username'), form.get('password'));
      if (!user) {
        return loginPage({
          lang: langOf(p.ui_locales),
          params: p,
          redirectOrigin: originOf(p.redirect_uri),
          failed: true,
          username: form.get('username') ?? '',
        });
      }
      const now = options.now().getTime();
      sweep(now);
      const code = randomBytes(32).toString('base64url');
      codes.set(code, {
        user,
        clientId: p.client_id as string,
        redirectUri: p.redirect_uri as string,
        codeChallenge: p.code_challenge as string,
        nonce: p.nonce,
        expiresAt: now + CODE_LIFETIME_MS,
      });
      const target = new URL(p.redirect_uri as string);
      target.searchParams.set('code', code);
      target.searchParams.set('state', p.state as string);
      return { statusCode: 302, headers: [['location', target.toString()], ...NO_STORE], body: Buffer.alloc(0) };
    },
  };

  const token: LocalRoute = {
    path: LOCAL_IDP_PATHS.token,
    async serve(method, req) {
      if (method !== 'POST') return oauthError(405, 'invalid_request', 'POST only');
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        req.resume();
        return oauthError(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
      }
      const form = await readForm(req);
      if (!form) return oauthError(400, 'invalid_request', 'the body is too large');
      if (form.get('grant_type') !== 'authorization_code') {
        return oauthError(400, 'unsupported_grant_type', 'only authorization_code is offered');
      }
      const code = form.get('code') ?? '';
      const verifier = form.get('code_verifier') ?? '';
      const now = options.now().getTime();
      const issued = codes.get(code);
      // Any exchange attempt spends the code: a stolen code raced against the real client is useless to both.
      codes.delete(code);
      if (!issued || spent.has(code)) {
        spent.add(code);
        return oauthError(400, 'invalid_grant', 'the code is unknown, expired or already used');
      }
      spent.add(code);
      if (issued.expiresAt <= now) return oauthError(400, 'invalid_grant', 'the code has expired');
      if (form.get('client_id') !== issued.clientId) return oauthError(400, 'invalid_grant', 'the code is not yours');
      if (form.get('redirect_uri') !== issued.redirectUri) {
        return oauthError(400, 'invalid_grant', 'redirect_uri differs from the authorization request');
      }
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !sameText(s256(verifier), issued.codeChallenge)) {
        return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      }
      const demo = DEMO_USERS[issued.user];
      const idToken = await options.idp.mint({
        ...demo,
        roles: demo.roles as Role[],
        ttlSeconds: ID_TOKEN_TTL_SECONDS,
        audience: issued.clientId,
        ...(issued.nonce ? { nonce: issued.nonce } : {}),
      });
      const accessToken = await options.idp.mint({
        ...demo,
        ttlSeconds: ID_TOKEN_TTL_SECONDS,
        audience: issued.clientId,
        tokenUse: 'access',
      });
      return json(200, {
        id_token: idToken,
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: ID_TOKEN_TTL_SECONDS,
      });
    },
  };

  const logout: LocalRoute = {
    path: LOCAL_IDP_PATHS.logout,
    async serve(method, req) {
      if (method !== 'GET') return messagePage(405, 'zh-CN', 'bad_request');
      const query = new URL(req.url ?? '/', 'http://local').searchParams;
      const client = clientOf(query.get('client_id') ?? undefined);
      // Cognito names it `logout_uri`, OpenID Connect RP-initiated logout `post_logout_redirect_uri`.
      const back = query.get('post_logout_redirect_uri') ?? query.get('logout_uri');
      const lang = langOf(query.get('ui_locales') ?? undefined);
      if (client && back && client.postLogoutRedirectUris.includes(back)) {
        return { statusCode: 302, headers: [['location', back], ...NO_STORE], body: Buffer.alloc(0) };
      }
      return messagePage(200, lang, 'signed_out');
    },
  };

  const stylesheet: LocalRoute = {
    path: LOCAL_IDP_PATHS.stylesheet,
    async serve() {
      return {
        statusCode: 200,
        headers: [
          ['content-type', 'text/css; charset=utf-8'],
          ['cache-control', 'no-cache'],
          ['x-content-type-options', 'nosniff'],
        ],
        body: Buffer.from(LOGIN_STYLESHEET),
      };
    },
  };

  return { routes: [authorize, token, logout, stylesheet] };
}

const NO_STORE: [string, string][] = [
  ['cache-control', 'no-store'],
  ['x-content-type-options', 'nosniff'],
];

/** The demo user whose name and password these are (compared in constant time), else undefined. */
function signIn(username: string | null, password: string | null): DemoUser | undefined {
  if (!username || !password) return undefined;
  const user = (Object.keys(DEMO_PASSWORDS) as DemoUser[]).find((u) => u === username.trim().toLowerCase());
  return user && sameText(password, DEMO_PASSWORDS[user]) ? user : undefined;
}

/** BASE64URL(SHA-256(verifier)), RFC 7636 §4.2. */
const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function pick(source: URLSearchParams): AuthorizeParams {
  const out: Record<string, string> = {};
  for (const name of AUTHORIZE_PARAMS) {
    const value = source.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

const langOf = (uiLocales: string | undefined): LoginLang => (/^en\b/i.test(uiLocales ?? '') ? 'en' : 'zh-CN');

function originOf(uri: string | undefined): string | undefined {
  try {
    return uri ? new URL(uri).origin : undefined;
  } catch {
    return undefined;
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const body = await readBody(req, MAX_FORM_BYTES);
  if (body === 'too-large') return undefined;
  return new URLSearchParams(body.toString('utf8'));
}

function json(statusCode: number, document: unknown): GatewayResponse {
  return {
    statusCode,
    headers: [['content-type', 'application/json'], ['pragma', 'no-cache'], ...NO_STORE],
    body: Buffer.from(JSON.stringify(document)),
  };
}

const oauthError = (statusCode: number, error: string, description: string): GatewayResponse =>
  json(statusCode, { error, error_description: description });
