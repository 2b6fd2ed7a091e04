import { describe, expect, test } from 'vitest';
import { readConfig, readCursorKeysConfig } from '../../../../lambdas/shared/config';
import { handlerEnvironment } from '../../../../lib/local/handler-env';
import type { ResourceNames } from '../../../../lib/local/provision';
import { queues } from '../../../../lib/resources';

const names: ResourceNames = {
  tableName: 'PermitTable-t1',
  buckets: {
    certificates: 'permit-certificates-t1',
    documents: 'permit-documents-t1',
    log: 'permit-transparency-log-t1',
  },
  queues: {
    dispatch: {
      url: 'http://127.0.0.1:3/000000000000/permit-dispatch-t1',
      arn: 'arn:aws:sqs:cn-north-1:000000000000:permit-dispatch-t1',
      deadLetterUrl: 'http://127.0.0.1:3/000000000000/permit-dispatch-dlq-t1',
      deadLetterArn: 'arn:aws:sqs:cn-north-1:000000000000:permit-dispatch-dlq-t1',
      definition: queues.dispatch,
    },
    log: {
      url: 'http://127.0.0.1:3/000000000000/permit-log-t1',
      arn: 'arn:aws:sqs:cn-north-1:000000000000:permit-log-t1',
      deadLetterUrl: 'http://127.0.0.1:3/000000000000/permit-log-dlq-t1',
      deadLetterArn: 'arn:aws:sqs:cn-north-1:000000000000:permit-log-dlq-t1',
      definition: queues.log,
    },
    statusList: {
      url: 'http://127.0.0.1:3/000000000000/permit-status-list-t1',
      arn: 'arn:aws:sqs:cn-north-1:000000000000:permit-status-list-t1',
      deadLetterUrl: 'http://127.0.0.1:3/000000000000/permit-status-list-dlq-t1',
      deadLetterArn: 'arn:aws:sqs:cn-north-1:000000000000:permit-status-list-dlq-t1',
      definition: queues.statusList,
    },
    webhooks: {
      url: 'http://127.0.0.1:3/000000000000/permit-webhooks-t1',
      arn: 'arn:aws:sqs:cn-north-1:000000000000:permit-webhooks-t1',
      deadLetterUrl: 'http://127.0.0.1:3/000000000000/permit-webhooks-dlq-t1',
      deadLetterArn: 'arn:aws:sqs:cn-north-1:000000000000:permit-webhooks-dlq-t1',
      definition: queues.webhooks,
    },
    pdfTimestamps: {
      url: 'http://127.0.0.1:3/000000000000/permit-pdf-timestamps-t1',
      arn: 'arn:aws:sqs:cn-north-1:000000000000:permit-pdf-timestamps-t1',
      deadLetterUrl: 'http://127.0.0.1:3/000000000000/permit-pdf-timestamps-dlq-t1',
      deadLetterArn: 'arn:aws:sqs:cn-north-1:000000000000:permit-pdf-timestamps-dlq-t1',
      definition: queues.pdfTimestamps,
    },
    imports: {
      url: 'http://127.0.0.1:3/000000000000/permit-imports-t1',
      arn: 'arn:aws:sqs:cn-north-1:000000000000:permit-imports-t1',
      deadLetterUrl: 'http://127.0.0.1:3/000000000000/permit-imports-dlq-t1',
      deadLetterArn: 'arn:aws:sqs:cn-north-1:000000000000:permit-imports-dlq-t1',
      definition: queues.imports,
    },
  },
};

describe('handlerEnvironment', () => {
  test('gives handlers a complete configuration pointing at the emulators', () => {
    // Act
    const env = handlerEnvironment({
      endpoints: {
        dynamodb: 'http://127.0.0.1:1',
        s3: 'http://127.0.0.1:2',
        sqs: 'http://127.0.0.1:3',
        region: 'cn-north-1',
      },
      names,
      publicBaseUrl: 'http://127.0.0.1:3000',
      keyDir: '/data/keys',
      cursorKeysFile: '/data/cursor-keys.json',
    });
    const config = readConfig(env);

    // Assess
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:2',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:3',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    });
    expect(config).toMatchObject({
      region: 'cn-north-1',
      tableName: 'PermitTable-t1',
      certificatesBucket: 'permit-certificates-t1',
      documentsBucket: 'permit-documents-t1',
      dispatchQueueUrl: names.queues.dispatch.url,
      dispatchDlqUrl: names.queues.dispatch.deadLetterUrl,
      publicBaseUrl: 'http://127.0.0.1:3000',
      signer: { kind: 'local', dir: '/data/keys' },
      s3ForcePathStyle: true,
    });
    expect(readCursorKeysConfig(env)).toEqual({ kind: 'file', path: '/data/cursor-keys.json' });
  });

  test('marks the local runtime, and hands the settable clock over only when one was started', () => {
    // Prepare
    const input = {
      endpoints: {
        dynamodb: 'http://127.0.0.1:1',
        s3: 'http://127.0.0.1:2',
        sqs: 'http://127.0.0.1:3',
        region: 'cn-north-1',
      },
      names,
      publicBaseUrl: 'http://127.0.0.1:3000',
      keyDir: '/data/keys',
      cursorKeysFile: '/data/cursor-keys.json',
    };

    // Act
    const realTime = handlerEnvironment(input);
    const set = handlerEnvironment({
      ...input,
      clock: { start: new Date('2026-02-10T01:00:00Z'), file: '/data/clock.json' },
    });

    // Assess
    expect(realTime.PERMIT_RUNTIME).toBe('local');
    expect(realTime).not.toHaveProperty('PERMIT_CLOCK');
    expect(readConfig(realTime).localClock).toBeUndefined();
    expect(readConfig(set).localClock).toEqual({
      start: new Date('2026-02-10T01:00:00Z'),
      file: '/data/clock.json',
    });
  });
});
