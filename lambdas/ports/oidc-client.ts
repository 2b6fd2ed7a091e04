/**
 * Port: the console's OpenID Connect client — the identity provider's side of sign-in (authorization code with
 * PKCE). Adapter: `lambdas/adapters/oidc/oidc-client.ts` (discovery, the token endpoint, ID-token verification with
 * jose against the issuer's JWKS). Locally the provider is the local identity provider; in the cloud Cognito's hosted
 * UI (dev) or the provincial portal (prod).
 *
 * @example
 * const url = await oidc.authorizationUrl({ state, nonce, codeChallenge, redirectUri, uiLocales: 'zh-CN' });
 * const claims = await oidc.signIn({ code, codeVerifier, redirectUri, nonce });
 */

/** The verified ID token's claims (signature, issuer, audience, expiry and nonce checked). */
export type IdTokenClaims = Readonly<Record<string, unknown>> & { readonly sub: string };

export interface OidcClient {
  /** Where to send the browser to sign in. */
  authorizationUrl(request: {
    readonly state: string;
    readonly nonce: string;
    /** BASE64URL(SHA-256(code_verifier)). */
    readonly codeChallenge: string;
    readonly redirectUri: string;
    readonly uiLocales?: string;
  }): Promise<string>;
  /**
   * Exchange the code (server to server) and verify the ID token; throws `SIGN_IN_FAILED` (401) when the provider
   * refuses the code or the token does not verify, `IDENTITY_PROVIDER_UNAVAILABLE` (503) when it does not answer.
   */
  signIn(request: {
    readonly code: string;
    readonly codeVerifier: string;
    readonly redirectUri: string;
    readonly nonce: string;
  }): Promise<IdTokenClaims>;
  /** Where to send the browser to end its provider session, coming back to `postLogoutRedirectUri`. */
  logoutUrl(request: { readonly postLogoutRedirectUri: string; readonly uiLocales?: string }): Promise<string>;
}
