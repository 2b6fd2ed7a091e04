/**
 * The OpenID Connect client over HTTP: reads the provider's discovery document once, sends the browser to its
 * `authorization_endpoint`, exchanges a code at its `token_endpoint` (a public client: `client_id` and the PKCE
 * `code_verifier`, no secret) and verifies the ID token with jose against the issuer's JWKS (RS256, `iss`, `aud`,
 * `exp`, and the sign-in attempt's `nonce`).
 *
 * The discovery document is fetched from `discoveryUrl` (default `<issuer>/.well-known/openid-configuration`): the
 * local identity provider's issuer is a fixed name that does not resolve, its documents are served by the gateway.
 * Logout goes to `logoutUrl` when given (Cognito's hosted UI has a `/logout` endpoint that discovery does not list),
 * else to the provider's `end_session_endpoint`; both parameter spellings are sent (`logout_uri` for Cognito,
 * `post_logout_redirect_uri` for OpenID Connect RP-initiated logout).
 *
 * @example
 * const oidc = new HttpOidcClient({ issuer: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_x', clientId: 'abc' });
 */
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { DependencyUnavailableError, UnauthenticatedError } from '../../domain/errors';
import type { IdTokenClaims, OidcClient } from '../../ports/oidc-client';

export interface HttpOidcClientOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly discoveryUrl?: string;
  readonly logoutUrl?: string;
  /** Give up on the provider after this long (default 5 s). */
  readonly timeoutMs?: number;
}

interface Discovery {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly end_session_endpoint?: string;
}

const unavailable = (message: string, cause?: unknown) =>
  new DependencyUnavailableError('IDENTITY_PROVIDER_UNAVAILABLE', message, { cause });
const refused = (message: string) => new UnauthenticatedError('SIGN_IN_FAILED', message);

export class HttpOidcClient implements OidcClient {
  #discovery: Promise<Discovery> | undefined;
  #jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(private readonly options: HttpOidcClientOptions) {}

  private discovery(): Promise<Discovery> {
    this.#discovery ??= this.fetchDiscovery().catch((error: unknown) => {
      this.#discovery = undefined; // try again on the next request
      throw error;
    });
    return this.#discovery;
  }

  private async fetchDiscovery(): Promise<Discovery> {
    const url =
      this.options.discoveryUrl ?? `${this.options.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: Partial<Discovery>;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      document = (await response.json()) as Partial<Discovery>;
    } catch (error) {
      throw unavailable('the identity provider’s discovery document could not be read', error);
    }
    if (!document.authorization_endpoint || !document.token_endpoint || !document.jwks_uri) {
      throw unavailable('the identity provider’s discovery document lacks an endpoint');
    }
    return document as Discovery;
  }

  async authorizationUrl(request: Parameters<OidcClient['authorizationUrl']>[0]): Promise<string> {
    const url = new URL((await this.discovery()).authorization_endpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: this.options.clientId,
      redirect_uri: request.redirectUri,
      scope: 'openid profile email',
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      ...(request.uiLocales ? { ui_locales: request.uiLocales } : {}),
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  async signIn(request: Parameters<OidcClient['signIn']>[0]): Promise<IdTokenClaims> {
    const discovery = await this.discovery();
    let response: Response;
    try {
      response = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: request.code,
          redirect_uri: request.redirectUri,
          client_id: this.options.clientId,
          code_verifier: request.codeVerifier,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw unavailable('the identity provider’s token endpoint did not answer', error);
    }
    if (response.status >= 500) throw unavailable(`the token endpoint answered ${response.status}`);
    const body = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
    if (!response.ok || typeof body.id_token !== 'string') {
      throw refused(`the identity provider refused the code (${String(body.error ?? response.status)})`);
    }
    this.#jwks ??= createRemoteJWKSet(new URL(discovery.jwks_uri));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(body.id_token, this.#jwks, {
        issuer: this.options.issuer,
        audience: this.options.clientId,
        algorithms: ['RS256'],
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout) throw unavailable('JWKS timed out', error);
      throw refused(`the ID token does not verify (${(error as { code?: string }).code ?? 'invalid'})`);
    }
    if (payload.nonce !== request.nonce) throw refused('the ID token’s nonce is not this sign-in’s');
    return payload as IdTokenClaims;
  }

  async logoutUrl(request: Parameters<OidcClient['logoutUrl']>[0]): Promise<string> {
    const endpoint = this.options.logoutUrl ?? (await this.discovery()).end_session_endpoint;
    if (!endpoint) return request.postLogoutRedirectUri;
    const url = new URL(endpoint);
    url.searchParams.set('client_id', this.options.clientId);
    url.searchParams.set('logout_uri', request.postLogoutRedirectUri);
    url.searchParams.set('post_logout_redirect_uri', request.postLogoutRedirectUri);
    if (request.uiLocales) url.searchParams.set('ui_locales', request.uiLocales);
    return url.toString();
  }
}
