import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { hasRole, identityFromClaims, isStaff, parseGroups, readIdentity } from '../../../lambdas/shared/identity';

describe('parseGroups', () => {
  test.each([
    [
      ['officer', 'admin'],
      ['officer', 'admin'],
    ],
    ['[officer admin]', ['officer', 'admin']],
    ['[officer]', ['officer']],
    ['officer,admin', ['officer', 'admin']],
    ['officer', ['officer']],
    ['[]', []],
    [undefined, []],
    [42, []],
  ])('%j → %j', (value, expected) => {
    expect(parseGroups(value)).toEqual(expected);
  });
});

describe('identityFromClaims', () => {
  test('reads the claims as API Gateway presents them (flattened strings)', () => {
    // Act
    const identity = identityFromClaims({
      sub: 'u-1',
      'cognito:groups': '[enterprise unknown-group]',
      'custom:uscc': '91420100MA4K0A0A1E',
      name: '武汉示例',
      exp: '1800000000',
    });

    // Assess
    expect(identity).toEqual({ subject: 'u-1', roles: ['enterprise'], uscc: '91420100MA4K0A0A1E', name: '武汉示例' });
  });

  test('is undefined without claims or a subject', () => {
    expect(identityFromClaims(undefined)).toBeUndefined();
    expect(identityFromClaims({ 'cognito:groups': '[officer]' })).toBeUndefined();
  });
});

describe('readIdentity and roles', () => {
  const event = (claims?: Record<string, string>) =>
    ({
      requestContext: claims ? { authorizer: { jwt: { claims, scopes: null } } } : {},
    }) as unknown as APIGatewayProxyEventV2;

  test('reads the identity from requestContext.authorizer.jwt.claims', () => {
    // Act
    const identity = readIdentity(event({ sub: 'u', 'cognito:groups': '[reviewer]' }));

    // Assess
    expect(identity?.roles).toEqual(['reviewer']);
    expect(isStaff(identity)).toBe(true);
    expect(hasRole(identity, ['officer'])).toBe(false);
    expect(readIdentity(event())).toBeUndefined();
    expect(isStaff(undefined)).toBe(false);
  });
});
