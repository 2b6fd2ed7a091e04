import { describe, expect, test } from 'vitest';
import { ConfigError, readConfig, readConsoleConfig } from '../../../lambdas/shared/config';

const complete = {
  TABLE_NAME: 'PermitTable',
  CERTIFICATES_BUCKET: 'certs',
  DOCUMENTS_BUCKET: 'docs',
  LOG_BUCKET: 'log',
  LOG_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/log',
  STATUS_LIST_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/status-list',
  WEBHOOKS_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/webhooks',
  PDF_TIMESTAMPS_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/pdf-timestamps',
  IMPORTS_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/imports',
  DISPATCH_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/q',
  DISPATCH_DLQ_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/1/dlq',
  PUBLIC_BASE_URL: 'https://permit.example.gov.cn/',
  SIGNING_KEY_ID: 'key-1',
};

describe('readConfig', () => {
  test('parses a complete cloud environment with defaults', () => {
    // Act
    const config = readConfig(complete);

    // Assess
    expect(config).toMatchObject({
      region: 'cn-north-1',
      publicBaseUrl: 'https://permit.example.gov.cn',
      province: '鄂',
      signer: { kind: 'kms', keyId: 'key-1' },
      s3ForcePathStyle: false,
      inspectorDisclosure: 'code',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test.each(['TABLE_NAME', 'CERTIFICATES_BUCKET', 'DISPATCH_DLQ_URL', 'PUBLIC_BASE_URL', 'SIGNING_KEY_ID'])(
    'names the missing variable %s',
    (name) => {
      expect(() => readConfig({ ...complete, [name]: ' ' })).toThrow(
        new ConfigError(`missing environment variable ${name}`),
      );
    },
  );

  test('refuses an unknown signer and a non-URL base', () => {
    expect(() => readConfig({ ...complete, SIGNER: 'hsm' })).toThrow(/SIGNER must be "kms" or "local"/);
    expect(() => readConfig({ ...complete, PUBLIC_BASE_URL: 'permit.example' })).toThrow(/PUBLIC_BASE_URL must be/);
  });

  test('publishes inspectors by code unless the policy says code and name; refuses anything else', () => {
    expect(readConfig({ ...complete, INSPECTOR_DISCLOSURE: 'code-and-name' }).inspectorDisclosure).toBe(
      'code-and-name',
    );
    expect(() => readConfig({ ...complete, INSPECTOR_DISCLOSURE: 'name' })).toThrow(/INSPECTOR_DISCLOSURE must be/);
  });

  test('reads the webhook secrets key id when set; without it only the local box can be used', () => {
    expect(readConfig({ ...complete, WEBHOOK_SECRETS_KEY_ID: ' key-2 ' }).webhookSecrets).toEqual({
      kmsKeyId: 'key-2',
    });
    expect(readConfig(complete).webhookSecrets).toEqual({});
    expect(readConfig({ ...complete, WEBHOOK_SECRETS_KEY_ID: ' ' }).webhookSecrets).toEqual({});
  });

  test('needs LOCAL_KEY_DIR for the local signer', () => {
    expect(() => readConfig({ ...complete, SIGNER: 'local' })).toThrow(/LOCAL_KEY_DIR/);
    expect(readConfig({ ...complete, SIGNER: 'local', LOCAL_KEY_DIR: '/k' }).signer).toEqual({
      kind: 'local',
      dir: '/k',
    });
  });

  test('refuses PERMIT_CLOCK in every cloud configuration: only the local runtime may set a clock', () => {
    // Prepare
    const clock = { PERMIT_CLOCK: '2026-02-10T09:00:00+08:00', PERMIT_CLOCK_FILE: '/data/clock.json' };
    const local = { ...complete, SIGNER: 'local', LOCAL_KEY_DIR: '/k', PERMIT_RUNTIME: 'local' };

    // Act / Assess: the KMS signer (every deployed stage), with or without the local marker
    for (const env of [
      { ...complete, ...clock },
      { ...complete, ...clock, PERMIT_RUNTIME: 'local' },
      { ...complete, PERMIT_CLOCK: clock.PERMIT_CLOCK },
      { ...complete, PERMIT_CLOCK_FILE: clock.PERMIT_CLOCK_FILE },
      // the local signer without the local runtime's marker
      { ...local, ...clock, PERMIT_RUNTIME: undefined },
      { ...local, ...clock, PERMIT_RUNTIME: 'lambda' },
    ]) {
      expect(() => readConfig(env)).toThrow(
        new ConfigError(
          'environment variable PERMIT_CLOCK is for the local runtime (npm start) only; a deployed function runs on the system clock',
        ),
      );
    }
    expect(readConfig(complete).localClock).toBeUndefined();
  });

  test("reads the local runtime's clock, which needs both variables and an instant with its offset", () => {
    const local = { ...complete, SIGNER: 'local', LOCAL_KEY_DIR: '/k', PERMIT_RUNTIME: 'local' };
    expect(
      readConfig({ ...local, PERMIT_CLOCK: '2026-02-10T09:00:00+08:00', PERMIT_CLOCK_FILE: '/d/clock.json' })
        .localClock,
    ).toEqual({ start: new Date('2026-02-10T01:00:00Z'), file: '/d/clock.json' });
    expect(() => readConfig({ ...local, PERMIT_CLOCK: '2026-02-10T09:00:00+08:00' })).toThrow(/go together/);
    expect(() => readConfig({ ...local, PERMIT_CLOCK: '2026-02-10 09:00', PERMIT_CLOCK_FILE: '/d/c.json' })).toThrow(
      /PERMIT_CLOCK must be an ISO 8601 instant with its offset/,
    );
  });
});

describe('readConsoleConfig', () => {
  const cloud = {
    CONSOLE_OIDC_ISSUER: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_Abc',
    CONSOLE_OIDC_CLIENT_ID: '4example0client',
    CONSOLE_OIDC_LOGOUT_URL: 'https://permit-dev-hubei.auth.ap-southeast-1.amazoncognito.com/logout',
    CONSOLE_SESSION_KEYS_PARAMETER: '/permit/dev/console-session-keys',
    CONSOLE_STORAGE_ORIGIN: 'https://docs.s3.ap-southeast-1.amazonaws.com/some/path',
  };

  test('parses the cloud settings: the issuer as it is, the storage URL as its origin, the key set in SSM', () => {
    // Act
    const settings = readConsoleConfig(cloud);

    // Assess
    expect(settings).toEqual({
      issuer: cloud.CONSOLE_OIDC_ISSUER,
      clientId: '4example0client',
      logoutUrl: cloud.CONSOLE_OIDC_LOGOUT_URL,
      storageOrigin: 'https://docs.s3.ap-southeast-1.amazonaws.com',
      sessionKeys: { kind: 'ssm', parameter: '/permit/dev/console-session-keys' },
    });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  test('parses the local settings: a discovery URL and a key file, nothing optional required', () => {
    const settings = readConsoleConfig({
      CONSOLE_OIDC_ISSUER: 'https://local-idp.permit.invalid',
      CONSOLE_OIDC_CLIENT_ID: 'permit-local-client',
      CONSOLE_OIDC_DISCOVERY_URL: 'http://127.0.0.1:3000/local-idp/.well-known/openid-configuration',
      CONSOLE_SESSION_KEYS_FILE: '/tmp/data/console-session-keys.json',
    });
    expect(settings).toEqual({
      issuer: 'https://local-idp.permit.invalid',
      clientId: 'permit-local-client',
      discoveryUrl: 'http://127.0.0.1:3000/local-idp/.well-known/openid-configuration',
      sessionKeys: { kind: 'file', path: '/tmp/data/console-session-keys.json' },
    });
  });

  test.each([
    ['CONSOLE_OIDC_ISSUER', 'missing environment variable CONSOLE_OIDC_ISSUER'],
    ['CONSOLE_OIDC_CLIENT_ID', 'missing environment variable CONSOLE_OIDC_CLIENT_ID'],
    [
      'CONSOLE_SESSION_KEYS_PARAMETER',
      'missing environment variable CONSOLE_SESSION_KEYS_PARAMETER (CONSOLE_SESSION_KEYS_FILE locally)',
    ],
  ])('fails at start-up naming the missing %s', (name, message) => {
    expect(() => readConsoleConfig({ ...cloud, [name]: undefined })).toThrow(new ConfigError(message));
    expect(() => readConsoleConfig({ ...cloud, [name]: '  ' })).toThrow(new ConfigError(message));
  });

  test.each(['CONSOLE_OIDC_ISSUER', 'CONSOLE_OIDC_DISCOVERY_URL', 'CONSOLE_OIDC_LOGOUT_URL', 'CONSOLE_STORAGE_ORIGIN'])(
    'fails at start-up on a %s that is not an http(s) URL',
    (name) => {
      for (const value of ['not a url', 'ftp://files.example', 'javascript:alert(1)']) {
        expect(() => readConsoleConfig({ ...cloud, [name]: value })).toThrow(
          new ConfigError(`environment variable ${name} must be an http(s) URL`),
        );
      }
    },
  );

  test('prefers the SSM parameter when both key-set locations are given', () => {
    expect(readConsoleConfig({ ...cloud, CONSOLE_SESSION_KEYS_FILE: '/tmp/x.json' }).sessionKeys).toEqual({
      kind: 'ssm',
      parameter: '/permit/dev/console-session-keys',
    });
  });
});
