import { afterEach, expect, test, vi } from 'vitest';

afterEach(() => {
  delete process.env.ROLES_CLAIM;
  delete process.env.USCC_CLAIM;
  vi.resetModules();
});

test('an external issuer’s claim names are honoured when configured', async () => {
  // Prepare: the portal names its claims differently, and API Gateway flattens arrays to "[a b]"
  process.env.ROLES_CLAIM = 'permit_roles';
  process.env.USCC_CLAIM = 'uscc';
  vi.resetModules();
  const { identityFromClaims } = await import('../../../lambdas/shared/identity');
  // Act
  const identity = identityFromClaims({ sub: 'u-1', permit_roles: '[enterprise]', uscc: '91420100MA4K2X1R09' });
  const cognitoShaped = identityFromClaims({ sub: 'u-2', 'cognito:groups': '[officer]' });
  // Assess
  expect(identity).toEqual({ subject: 'u-1', roles: ['enterprise'], uscc: '91420100MA4K2X1R09' });
  expect(cognitoShaped?.roles).toEqual([]);
});

test('Cognito’s claim names are the default', async () => {
  const { identityFromClaims } = await import('../../../lambdas/shared/identity');
  const identity = identityFromClaims({
    sub: 'u-3',
    'cognito:groups': '[officer admin]',
    'custom:uscc': '91420100MA4K2X1R09',
  });
  expect(identity?.roles).toEqual(['officer', 'admin']);
});
