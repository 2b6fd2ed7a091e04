import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, LocalIdentityProvider } from '../../../../lib/local/identity';
import { createJwtAuthorizer, flattenClaims, type JwtAuthorizer } from '../../../../lib/local/jwt-authorizer';

let dir: string;
let idp: LocalIdentityProvider;
let authorize: JwtAuthorizer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permit-authorizer-'));
  idp = await LocalIdentityProvider.open(dir);
  authorize = createJwtAuthorizer({ issuer: LOCAL_ISSUER, audiences: [LOCAL_CLIENT_ID], jwks: () => idp.jwks() });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flattenClaims', () => {
  test('renders claims the way API Gateway HTTP APIs do', () => {
    expect(
      flattenClaims({
        groups: ['officer', 'admin'],
        exp: 1_800_000_000,
        verified: true,
        none: null,
        address: { city: '武汉' },
      }),
    ).toEqual({ groups: '[officer admin]', exp: '1800000000', verified: 'true', address: '{"city":"武汉"}' });
  });
});

describe('createJwtAuthorizer', () => {
  test('accepts a valid token and presents flattened claims with null scopes', async () => {
    // Prepare
    const token = await idp.mint({ roles: ['enterprise'], uscc: '91420100MA4K0A0A1E' });

    // Act
    const outcome = await authorize(`Bearer ${token}`);

    // Assess
    expect(outcome).toMatchObject({
      ok: true,
      scopes: null,
      claims: {
        'cognito:groups': '[enterprise]',
        'custom:uscc': '91420100MA4K0A0A1E',
        token_use: 'id',
        iss: LOCAL_ISSUER,
      },
    });
  });

  test('accepts client_id in place of aud (a Cognito access token), and refuses an unknown audience', async () => {
    // Prepare: an issuer key of our own, so the token can carry client_id and no aud.
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const accessTokenAuthorizer = createJwtAuthorizer({
      issuer: LOCAL_ISSUER,
      audiences: ['app-client'],
      jwks: () => ({ keys: [jwk] }),
    });
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ token_use: 'access', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(LOCAL_ISSUER)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);

    // Act
    const accepted = await accessTokenAuthorizer(await sign({ client_id: 'app-client' }));
    const refused = await accessTokenAuthorizer(await sign({ client_id: 'other-client' }));
    const wrongAud = await authorize(await idp.mint({ roles: ['officer'], audience: 'other-client' }));

    // Assess
    expect(accepted).toMatchObject({ ok: true, claims: { client_id: 'app-client', token_use: 'access' } });
    expect(refused).toEqual({ ok: false, reason: 'audience not accepted' });
    expect(wrongAud).toEqual({ ok: false, reason: 'audience not accepted' });
  });

  test.each([
    ['missing', undefined],
    ['blank', '   '],
    ['malformed', 'Bearer abc'],
  ])('refuses a %s token', async (_case, header) => {
    expect((await authorize(header)).ok).toBe(false);
  });

  test('refuses expired, future-nbf and wrong-issuer tokens', async () => {
    // Prepare
    const expired = await idp.mint({ roles: ['officer'], ttlSeconds: -1 });
    const early = await idp.mint({ roles: ['officer'], notBefore: new Date(Date.now() + 60_000) });
    const foreign = await idp.mint({
      roles: ['officer'],
      issuer: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/other',
    });

    // Act
    const outcomes = await Promise.all([expired, early, foreign].map((t) => authorize(t)));

    // Assess
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, false]);
  });

  test('refuses a token issued in the future', async () => {
    // Prepare
    const future = await idp.mint({ roles: ['officer'], now: new Date(Date.now() + 3_600_000) });

    // Act
    const outcome = await authorize(future);

    // Assess
    expect(outcome).toEqual({ ok: false, reason: 'token issued in the future' });
  });

  test('refuses non-RSA algorithms and tokens without a known kid, as API Gateway does', async () => {
    // Prepare
    const { privateKey } = await generateKeyPair('ES256');
    const es256 = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: idp.kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_CLIENT_ID)
      .setExpirationTime('1h')
      .sign(privateKey);
    const rsa = await generateKeyPair('RS256');
    const unknownKid = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'RS256', kid: 'someone-else' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_CLIENT_ID)
      .setExpirationTime('1h')
      .sign(rsa.privateKey);
    const noKid = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_CLIENT_ID)
      .setExpirationTime('1h')
      .sign(rsa.privateKey);

    // Act
    const outcomes = await Promise.all([es256, unknownKid, noKid].map((t) => authorize(t)));

    // Assess
    expect(outcomes).toEqual([
      { ok: false, reason: 'unsupported algorithm ES256' },
      expect.objectContaining({ ok: false }),
      { ok: false, reason: 'token has no kid' },
    ]);
  });

  test('refuses two tokens joined by a comma (a repeated Authorization header, as API Gateway passes it on)', async () => {
    // Prepare
    const token = await idp.mint({ roles: ['officer'] });

    // Act
    const outcome = await authorize(`Bearer ${token},Bearer ${token}`);

    // Assess
    expect(outcome).toEqual({ ok: false, reason: 'more than one Authorization header' });
  });
});
