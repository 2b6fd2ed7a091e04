/**
 * Certificates from before the enterprise-name index: the local runtime's start gives them their entries. A licence
 * is issued, its name entry removed (as the earlier release never wrote one), the runtime stopped; started again on
 * the same data, the licence is found by the start of its name.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { nameEntry } from '../../../lambdas/adapters/dynamo/certificate-repository';
import { certificateRepository } from '../../../lambdas/composition/storage';
import { enterpriseNameKey } from '../../../lambdas/domain/enterprise-name-key';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { uniqueSuffix } from '../../support/emulators';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const started: TestRuntime[] = [];
afterAll(async () => {
  for (const r of started) await r.stop();
});

test('the runtime’s start indexes the names of certificates that have no entry', async () => {
  // Prepare: a licence whose entry is gone, in a stopped runtime's data
  const clock = new ManualClock(new Date());
  const common = { resourceSuffix: uniqueSuffix(), overrides: { clock } } as const;
  const first = await startTestRuntime({ ...common, keepDataDir: true });
  started.push(first);
  const res = await first.request('/v1/certificates', {
    as: 'officer',
    ...jsonRequest(issueBody({ seed: 8801, name: '启动回填测试有限公司' })),
  });
  expect(res.status).toBe(201);
  const cert = await readJson<CertificateJson>(res);
  const head = await certificateRepository().get(LicenceNumber.parse(cert.licenceNo));
  const { pk, sk } = nameEntry(head?.certificate as NonNullable<typeof head>['certificate']) as {
    pk: string;
    sk: string;
  };
  await dynamoClient().send(new DeleteCommand({ TableName: config().tableName, Key: { pk, sk } }));
  const before = await certificateRepository().findByNamePrefix(enterpriseNameKey('启动回填'), {});
  await first.stop();

  // Act: start again on the same data
  const second = await startTestRuntime({ ...common, dataDir: first.dataDir, port: first.ports.gateway });
  started.push(second);

  // Assess
  expect(before.items).toEqual([]);
  const after = await certificateRepository().findByNamePrefix(enterpriseNameKey('启动回填'), {});
  expect(after.items.map((i) => i.licenceNo.toString())).toEqual([cert.licenceNo]);
});
