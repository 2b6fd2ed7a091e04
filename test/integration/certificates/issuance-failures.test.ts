/**
 * issueCertificate under injected failures, against the emulators with the real adapters: a failure after signing,
 * after the S3 put, or in the DynamoDB transaction leaves no half-issued certificate, and a retry with the same
 * idempotency key yields exactly one certificate and consumes exactly one serial.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { keys } from '../../../lambdas/adapters/dynamo/certificate-repository';
import { issuanceDeps } from '../../../lambdas/composition/issuance';
import { certificateRepository } from '../../../lambdas/composition/storage';
import { localDateOf } from '../../../lambdas/domain/dates';
import { Inspection } from '../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { CertificateRepository } from '../../../lambdas/ports/certificate-repository';
import type { PdfStore } from '../../../lambdas/ports/pdf-store';
import type { TransactionPart } from '../../../lambdas/ports/transaction-parts';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { type IssuanceDeps, issueCertificate } from '../../../lambdas/use-cases/issue-certificate';
import { issueBody } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let deps: IssuanceDeps;

beforeAll(async () => {
  runtime = await startTestRuntime();
  deps = await issuanceDeps();
});
afterAll(() => runtime?.stop());

const officer = { type: 'user' as const, id: 'officer-1', role: 'officer' };

/** Fail the first call of `method` on `target`, before or after the real call runs. */
function failOnce<T extends object>(target: T, method: keyof T & string, when: 'before' | 'after'): T {
  let failed = false;
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop !== method) return value.bind(obj);
      return async (...args: unknown[]) => {
        if (!failed && when === 'before') {
          failed = true;
          throw new Error(`injected failure before ${method}`);
        }
        const result = await value.apply(obj, args);
        if (!failed) {
          failed = true;
          throw new Error(`injected failure after ${method}`);
        }
        return result;
      };
    },
  });
}

async function countItems(pk: string, skPrefix: string): Promise<number> {
  const out = await dynamoClient().send(
    new QueryCommand({
      TableName: config().tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': pk, ':p': skPrefix },
      ConsistentRead: true,
    }),
  );
  return out.Count ?? 0;
}

async function state(repository: CertificateRepository, uscc: string, sequence: string) {
  const list = await repository.listByUscc(uscc, {});
  const counter = await countItems(keys.licenceCounter(sequence).pk, '#COUNTER');
  const claims = await countItems(keys.licenceClaim(sequence, 1).pk, 'SERIAL#');
  return { certificates: list.items.length, counter, claims };
}

describe.each([
  [
    'after signing',
    (d: IssuanceDeps): IssuanceDeps => ({ ...d, signer: async () => failOnce(await d.signer(), 'sign', 'after') }),
    'injected failure after sign',
  ],
  [
    'after the S3 put',
    (d: IssuanceDeps): IssuanceDeps => ({ ...d, pdfs: failOnce<PdfStore>(d.pdfs, 'put', 'after') }),
    'injected failure after put',
  ],
  [
    'in the transaction',
    (d: IssuanceDeps): IssuanceDeps => ({ ...d, repository: failOnce(d.repository, 'commitIssuance', 'before') }),
    'injected failure before commitIssuance',
  ],
])('a failure %s', (_, inject, message) => {
  test('writes no certificate, and a retry yields exactly one certificate and one serial', async () => {
    // Prepare: a product sequence of its own for this case, so serial counts are exact
    const { product, seed } = {
      'after signing': { product: '05-001', seed: 101 },
      'after the S3 put': { product: '05-901', seed: 102 },
      'in the transaction': { product: '89-901', seed: 103 },
    }[_] as { product: string; seed: number };
    const body = issueBody({ seed, products: [product] });
    const sequence = `42-XK${product}`;
    const input = {
      change: { kind: 'licence' as const, enterprise: body.enterprise, products: body.products },
      actor: officer,
      idempotencyKey: `test:${product}:${Date.now()}`,
      source: 'test',
    };
    const before = await state(certificateRepository(), body.enterprise.uscc, sequence);
    // Act
    await expect(issueCertificate(inject(deps), input)).rejects.toThrow(message);
    const afterFailure = await state(certificateRepository(), body.enterprise.uscc, sequence);
    const first = await issueCertificate(deps, input);
    const second = await issueCertificate(deps, input);
    // Assess
    expect(afterFailure.certificates).toBe(before.certificates);
    expect(afterFailure.claims).toBe(before.claims);
    expect(second.replayed).toBe(true);
    expect(second.version.pdf).toEqual(first.version.pdf);
    const after = await state(certificateRepository(), body.enterprise.uscc, sequence);
    expect(after.certificates).toBe(before.certificates + 1);
    expect(after.claims).toBe(before.claims + 1);
    expect(first.certificate.licenceNumber.serial).toBe(before.claims + 1);
  });
});

test('a real cancelled transaction (a conflicting part) writes nothing, not even the certificate', async () => {
  // Prepare: a post-issuance review that already exists (written as a part of another issuance)
  const body = issueBody({ seed: 300 });
  const inspection = Inspection.schedule({
    id: `INSP-TEST-${Date.now()}`,
    kind: 'routine-inspection',
    licenceNo: LicenceNumber.parse('(鄂)XK06-001-00001'),
    uscc: body.enterprise.uscc,
    enterpriseName: body.enterprise.name,
    applicationId: 'APP-TEST',
    issuedOn: localDateOf(new Date()),
    at: new Date(),
  }).toSnapshot();
  const part: TransactionPart = { kind: 'inspection-scheduled', inspection };
  const input = {
    change: { kind: 'licence' as const, enterprise: body.enterprise, products: body.products },
    actor: officer,
    idempotencyKey: `test:extra:${Date.now()}`,
    source: 'test',
  };
  await issueCertificate(deps, {
    ...input,
    change: { ...input.change, enterprise: issueBody({ seed: 301 }).enterprise },
    idempotencyKey: `${input.idempotencyKey}:seed`,
    parts: () => [part],
  });
  // Act
  const failed = issueCertificate(deps, { ...input, parts: () => [part] });
  // Assess
  await expect(failed).rejects.toMatchObject({ code: 'EXTRA_WRITE_CONFLICT' });
  expect((await certificateRepository().listByUscc(body.enterprise.uscc, {})).items).toHaveLength(0);
  expect(await certificateRepository().findIdempotency(input.idempotencyKey)).toBeUndefined();
  const retried = await issueCertificate(deps, input);
  expect(retried.version.version).toBe(1);
});

test('concurrent twins with one key produce one certificate', async () => {
  const body = issueBody({ seed: 400 });
  const input = {
    change: { kind: 'licence' as const, enterprise: body.enterprise, products: body.products },
    actor: officer,
    idempotencyKey: `test:twins:${Date.now()}`,
    source: 'test',
  };
  const results = await Promise.all([
    issueCertificate(deps, input),
    issueCertificate(deps, input),
    issueCertificate(deps, input),
  ]);
  expect(new Set(results.map((r) => r.version.pdf.sha256)).size).toBe(1);
  expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  expect((await certificateRepository().listByUscc(body.enterprise.uscc, {})).items).toHaveLength(1);
});
