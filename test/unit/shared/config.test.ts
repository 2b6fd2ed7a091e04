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
});
