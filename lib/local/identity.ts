/**
 * The local identity provider: mints tokens shaped like Amazon Cognito ID tokens (`cognito:groups`, `custom:uscc`,
 * `token_use: 'id'`) and publishes their verification key as a JWKS, so the local gateway can verify them exactly as
 * the cloud's JWT authorizer verifies Cognito's.
 *
 * The key is RSA (RS256) because that is what Cognito signs with and the only family API Gateway's JWT authorizer
 * accepts — a locally accepted token must be one the cloud authorizer could accept. It is created on first use under
 * `<dataDir>/idp/` (mode 0600) and reused, so tokens stay valid across restarts; `npm run token` reads the same file
 * and works whether or not the runtime is running.
 *
 * @example
 * const idp = await LocalIdentityProvider.open('.permit/idp');
 * const token = await idp.mint({ roles: ['enterprise'], uscc: '91420100MA4K0A0A1E', name: '武汉示例有限公司' });
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, SignJWT } from 'jose';
import { ROLES, type Role } from '../../lambdas/contracts/route';
import { normaliseUscc } from '../../lambdas/domain/uscc';
import { LocalRuntimeError } from './errors';

/** Fixed, so tokens do not depend on the port the gateway happens to use. `.invalid` never resolves (RFC 2606). */
export const LOCAL_ISSUER = 'https://local-idp.permit.invalid';
/** The audience (Cognito app client id) the local authorizer accepts. */
export const LOCAL_CLIENT_ID = 'permit-local-client';
export const LOCAL_TOKEN_ALGORITHM = 'RS256';
export const DEFAULT_TOKEN_TTL_SECONDS = 12 * 60 * 60;
/** Gateway paths where the provider's keys and discovery document are served. */
export const LOCAL_IDP_PATHS = {
  jwks: '/local-idp/.well-known/jwks.json',
  openIdConfiguration: '/local-idp/.well-known/openid-configuration',
  /** The login page (authorization code + PKCE): `lib/local/identity-server.ts`. */
  authorize: '/local-idp/authorize',
  token: '/local-idp/token',
  logout: '/local-idp/logout',
  /** The login page's stylesheet (the page's CSP allows styles from this origin only). */
  stylesheet: '/local-idp/login.css',
} as const;

/** Shape only (18 characters of the GB 32100 alphabet); the check character is the domain's business. */
type PrivateKey = Awaited<ReturnType<typeof importJWK>>;

const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const KEY_FILE = 'signing-key.jwk.json';

export interface MintOptions {
  /** Cognito groups; at least one of officer, reviewer, admin, enterprise. */
  readonly roles: readonly Role[];
  /** Required for `enterprise`: the unified social credit code (custom:uscc). */
  readonly uscc?: string;
  readonly name?: string;
  /** Defaults to a stable id derived from roles and USCC, so the same person gets the same `sub` every time. */
  readonly subject?: string;
  /** Lifetime in seconds (default 12 h). Negative values mint an already expired token (tests). */
  readonly ttlSeconds?: number;
  /** Mint at this time instead of now (tests). */
  readonly now?: Date;
  /** Overrides for negative tests: a wrong issuer or audience, a future `nbf`. */
  readonly issuer?: string;
  readonly audience?: string;
  readonly notBefore?: Date;
  /** The sign-in request's nonce (OIDC), echoed in the ID token. */
  readonly nonce?: string;
  /** `id` (default) or `access`, as Cognito's `token_use`. */
  readonly tokenUse?: 'id' | 'access';
}

interface StoredKey {
  readonly privateJwk: JWK;
  readonly kid: string;
}

/**
 * Mints ID tokens with a key kept under the data directory.
 *
 * @example
 * const token = await (await LocalIdentityProvider.open('.permit/idp')).mint({ roles: ['officer'] });
 */
export class LocalIdentityProvider {
  private constructor(
    private readonly privateKey: PrivateKey,
    private readonly publicJwk: JWK,
    readonly kid: string,
  ) {}

  /** Open the key in `dir`, creating it (atomically, mode 0600) when absent. */
  static async open(dir: string): Promise<LocalIdentityProvider> {
    const stored = loadKey(dir) ?? (await createKey(dir));
    const privateKey = await importJWK(stored.privateJwk, LOCAL_TOKEN_ALGORITHM);
    const { kty, n, e } = stored.privateJwk;
    const publicJwk: JWK = { kty, n, e, kid: stored.kid, alg: LOCAL_TOKEN_ALGORITHM, use: 'sig' };
    return new LocalIdentityProvider(privateKey, publicJwk, stored.kid);
  }

  /** The public keys, as served at `/local-idp/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.publicJwk }] };
  }

  /**
   * An OpenID discovery document whose endpoints point at the given gateway: the authorization code flow with PKCE
   * (S256 only) for a public client, as Cognito's hosted UI offers it.
   */
  openIdConfiguration(gatewayBaseUrl: string): Record<string, unknown> {
    return {
      issuer: LOCAL_ISSUER,
      authorization_endpoint: `${gatewayBaseUrl}${LOCAL_IDP_PATHS.authorize}`,
      token_endpoint: `${gatewayBaseUrl}${LOCAL_IDP_PATHS.token}`,
      end_session_endpoint: `${gatewayBaseUrl}${LOCAL_IDP_PATHS.logout}`,
      jwks_uri: `${gatewayBaseUrl}${LOCAL_IDP_PATHS.jwks}`,
      id_token_signing_alg_values_supported: [LOCAL_TOKEN_ALGORITHM],
      subject_types_supported: ['public'],
      response_types_supported: ['code', 'id_token'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ['openid', 'profile', 'email'],
      claims_supported: ['sub', 'name', 'nonce', 'cognito:groups', 'custom:uscc'],
    };
  }

  /** Mint a signed ID token. */
  async mint(options: MintOptions): Promise<string> {
    const roles = validateRoles(options.roles);
    // The shape only (a token may name any enterprise); the form is the domain's, so the claim compares as parseUscc's.
    const uscc = options.uscc === undefined ? undefined : normaliseUscc(options.uscc);
    if (roles.includes('enterprise') && !uscc) {
      throw new LocalRuntimeError('INVALID_ARGUMENT', 'an enterprise token needs --uscc <18-character code>');
    }
    if (uscc !== undefined && !USCC_SHAPE.test(uscc)) {
      throw new LocalRuntimeError(
        'INVALID_ARGUMENT',
        `"${uscc}" is not shaped like a unified social credit code (18 characters of 0-9 and A-Y without I, O, S, V, Z)`,
      );
    }
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    const subject = options.subject ?? stableSubject(roles, uscc);
    const jwt = new SignJWT({
      token_use: options.tokenUse ?? 'id',
      auth_time: now,
      'cognito:groups': [...roles],
      'cognito:username': subject,
      ...(uscc ? { 'custom:uscc': uscc } : {}),
      ...(options.name ? { name: options.name } : {}),
      ...(options.nonce ? { nonce: options.nonce } : {}),
    })
      .setProtectedHeader({ alg: LOCAL_TOKEN_ALGORITHM, kid: this.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? LOCAL_ISSUER)
      .setAudience(options.audience ?? LOCAL_CLIENT_ID)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + ttl);
    if (options.notBefore) jwt.setNotBefore(Math.floor(options.notBefore.getTime() / 1000));
    return jwt.sign(this.privateKey);
  }
}

function validateRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0) throw new LocalRuntimeError('INVALID_ARGUMENT', `a token needs a role: ${ROLES.join(', ')}`);
  for (const role of roles) {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new LocalRuntimeError('INVALID_ARGUMENT', `unknown role "${role}"; roles are ${ROLES.join(', ')}`);
    }
  }
  return [...new Set(roles)] as Role[];
}

/** A UUID-shaped id derived from the identity, like Cognito's `sub`, stable across runs. */
function stableSubject(roles: readonly Role[], uscc: string | undefined): string {
  const hex = createHash('sha256')
    .update(`permit-local|${[...roles].sort().join(',')}|${uscc ?? ''}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function loadKey(dir: string): StoredKey | undefined {
  const file = join(dir, KEY_FILE);
  if (!existsSync(file)) return undefined;
  // Tighten permissions left loose by a copy or an unusual umask: this is a private key.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredKey>;
  if (!parsed.privateJwk || typeof parsed.kid !== 'string' || parsed.privateJwk.kty !== 'RSA') {
    throw new LocalRuntimeError(
      'INVALID_ARGUMENT',
      `${file} is not a local identity key; delete it to create a new one`,
    );
  }
  return parsed as StoredKey;
}

async function createKey(dir: string): Promise<StoredKey> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair(LOCAL_TOKEN_ALGORITHM, { extractable: true, modulusLength: 2048 });
  const privateJwk = await exportJWK(privateKey);
  const stored: StoredKey = { privateJwk, kid: `local-${randomUUID().slice(0, 8)}` };
  // Write a temporary file, then link it into place: if another process (a second `npm run token`) won the race,
  // the link fails and we use its key, so there is never more than one.
  const file = join(dir, KEY_FILE);
  const temp = join(dir, `.${KEY_FILE}.${process.pid}.${randomUUID()}`);
  writeFileSync(temp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  try {
    linkSync(temp, file);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = loadKey(dir);
    if (!existing) throw error;
    return existing;
  } finally {
    unlinkSync(temp);
  }
}
