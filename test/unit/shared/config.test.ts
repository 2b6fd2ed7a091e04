import { describe, expect, test } from 'vitest';
import { ConfigError, readConfig } from '../../../lambdas/shared/config';

const complete = {
  TABLE_NAME: 'PermitTable',
  CERTIFICATES_BUCKET: 'certs',
  DOCUMENTS_BUCKET: 'docs',
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
