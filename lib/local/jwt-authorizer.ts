/**
 * The cloud's HTTP API JWT authorizer, reproduced: API Gateway reads the token from `Authorization` (with or without
 * a `Bearer ` prefix), requires an RSA signature from a key in the issuer's JWKS matched by `kid`, then checks `iss`,
 * `aud` or `client_id` against the configured audiences, `exp`, `nbf` and `iat`. Any failure is a 401 with
 * `{"message":"Unauthorized"}`. It does not look at `token_use`, so neither do we. A repeated Authorization header
 * reaches it as the repeats joined by commas (HTTP APIs combine duplicate headers so), which is no token: refused.
 *
 * Verified claims reach the function the way HTTP APIs present them: every value a string, arrays as `[a b]`,
 * objects as JSON, null-valued claims dropped; `scopes` is null because our routes declare no authorization scopes.
 *
 * @example
 * const authorize = createJwtAuthorizer({ issuer, audiences: [clientId], jwks: () => idp.jwks() });
 * const outcome = await authorize(req.headers.authorization);
 * if (!outcome.ok) return unauthorized(outcome.reason);
 */
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';

/** API Gateway's JWT authorizer supports RSA signatures only. */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

export interface JwtAuthorizerConfig {
  readonly issuer: string;
  readonly audiences: readonly string[];
  /** The issuer's current keys (read per call, as API Gateway re-reads a rotated JWKS). */
  readonly jwks: () => JSONWebKeySet;
}

export type AuthorizerOutcome =
  | { readonly ok: true; readonly claims: Record<string, string>; readonly scopes: string[] | null }
  | { readonly ok: false; readonly reason: string };

export type JwtAuthorizer = (authorizationHeader: string | undefined) => Promise<AuthorizerOutcome>;

/**
 * An authorizer for one issuer and its audiences; it never throws, it answers `{ ok: false, reason }`.
 *
 * @example
 * const authorize = createJwtAuthorizer({ issuer: LOCAL_ISSUER, audiences: [LOCAL_CLIENT_ID], jwks: () => idp.jwks() });
 */
export function createJwtAuthorizer(config: JwtAuthorizerConfig): JwtAuthorizer {
  return async (header) => {
    const token = header?.trim().replace(/^Bearer\s+/i, '');
    if (!token) return { ok: false, reason: 'missing token' };
    if (token.includes(',')) return { ok: false, reason: 'more than one Authorization header' };
    let kid: string | undefined;
    let alg: string | undefined;
    try {
      ({ kid, alg } = decodeProtectedHeader(token));
    } catch {
      return { ok: false, reason: 'malformed token' };
    }
    if (!alg || !RSA_ALGORITHMS.includes(alg)) return { ok: false, reason: `unsupported algorithm ${alg ?? 'none'}` };
    if (!kid) return { ok: false, reason: 'token has no kid' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, createLocalJWKSet(config.jwks()), {
        issuer: config.issuer,
        algorithms: RSA_ALGORITHMS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      return { ok: false, reason: (error as { code?: string }).code ?? 'invalid token' };
    }
    const audiences = [payload.aud, payload.client_id].flat().filter((a): a is string => typeof a === 'string');
    if (!audiences.some((a) => config.audiences.includes(a))) return { ok: false, reason: 'audience not accepted' };
    if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000)) {
      return { ok: false, reason: 'token issued in the future' };
    }
    return { ok: true, claims: flattenClaims(payload), scopes: null };
  };
}

/** Claims as API Gateway HTTP APIs hand them to functions: strings only. */
export function flattenClaims(payload: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    const flat = flattenValue(value);
    if (flat !== undefined) out[name] = flat;
  }
  return out;
}

function flattenValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return `[${value.map((v) => flattenValue(v) ?? '').join(' ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
