import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, test } from 'vitest';
import { hasValidOrganisationCode, parseUscc } from '../../../../lambdas/domain/uscc';
import { DEMO_ENTERPRISE, DEMO_OTHER_ENTERPRISE, DEMO_PASSWORDS, DEMO_USERS } from '../../../../lib/local/demo-users';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, LocalIdentityProvider } from '../../../../lib/local/identity';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'permit-idp-'));
  dirs.push(dir);
  return join(dir, 'idp');
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** GB 32100-2015 check character, written out independently of the runtime and the domain code. */
function gb32100Check(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((acc, c, i) => acc + alphabet.indexOf(c) * (weights[i] as number), 0);
  return alphabet[(31 - (sum % 31)) % 31] as string;
}

describe('LocalIdentityProvider', () => {
  test('creates a private key file readable by the owner only, and reuses it', async () => {
    // Prepare
    const dir = tempDir();

    // Act
    const first = await LocalIdentityProvider.open(dir);
    const second = await LocalIdentityProvider.open(dir);

    // Assess
    expect(statSync(join(dir, 'signing-key.jwk.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(second.kid).toBe(first.kid);
    expect(second.jwks()).toEqual(first.jwks());
  });

  test('creates one key when several processes race to create it', async () => {
    // Prepare
    const dir = tempDir();

    // Act
    const providers = await Promise.all([1, 2, 3, 4].map(() => LocalIdentityProvider.open(dir)));

    // Assess
    const stored = await LocalIdentityProvider.open(dir);
    expect(providers.map((p) => p.kid)).toEqual([stored.kid, stored.kid, stored.kid, stored.kid]);
  });

  test('mints Cognito-shaped ID tokens', async () => {
    // Prepare
    const idp = await LocalIdentityProvider.open(tempDir());

    // Act
    const token = await idp.mint({
      roles: ['enterprise'],
      uscc: DEMO_ENTERPRISE.uscc.toLowerCase(),
      name: '武汉',
      ttlSeconds: 60,
    });
    const claims = decodeJwt(token);

    // Assess
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: idp.kid, typ: 'JWT' });
    expect(claims).toMatchObject({
      iss: LOCAL_ISSUER,
      aud: LOCAL_CLIENT_ID,
      token_use: 'id',
      'cognito:groups': ['enterprise'],
      'custom:uscc': DEMO_ENTERPRISE.uscc,
      name: '武汉',
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(60);
    expect(claims.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('gives the same person the same subject, and different people different ones', async () => {
    // Prepare
    const idp = await LocalIdentityProvider.open(tempDir());

    // Act
    const [a, b, c] = await Promise.all([
      idp.mint(DEMO_USERS.officer),
      idp.mint(DEMO_USERS.officer),
      idp.mint(DEMO_USERS.admin),
    ]);

    // Assess
    expect(decodeJwt(a).sub).toBe(decodeJwt(b).sub);
    expect(decodeJwt(a).sub).not.toBe(decodeJwt(c).sub);
  });

  test.each([
    [{ roles: [] }, /needs a role/],
    [{ roles: ['boss'] }, /unknown role "boss"/],
    [{ roles: ['enterprise'] }, /needs --uscc/],
    [{ roles: ['enterprise'], uscc: '91420100MA4K0A0A1' }, /not shaped like/],
    [{ roles: ['enterprise'], uscc: '91420100MA4K0A0AIE' }, /not shaped like/],
  ])('refuses %j', async (options, message) => {
    // Prepare
    const idp = await LocalIdentityProvider.open(tempDir());

    // Act + Assess
    await expect(idp.mint(options as never)).rejects.toThrow(message);
  });
});

describe('demo enterprises', () => {
  test.each([DEMO_ENTERPRISE, DEMO_OTHER_ENTERPRISE])('$name has a USCC with a valid GB 32100 check character', (e) => {
    expect(gb32100Check(e.uscc.slice(0, 17))).toBe(e.uscc[17]);
    expect(hasValidOrganisationCode(parseUscc(e.uscc))).toBe(true);
  });

  test('are two enterprises, each signing in with its own USCC and password', () => {
    expect(DEMO_OTHER_ENTERPRISE.uscc).not.toBe(DEMO_ENTERPRISE.uscc);
    expect(DEMO_USERS.enterprise2).toMatchObject({ roles: ['enterprise'], uscc: DEMO_OTHER_ENTERPRISE.uscc });
    expect(DEMO_PASSWORDS.enterprise2).toBe('enterprise2-demo');
  });
});
