/**
 * Applications on an existing licence (amend, cancel, renew, reissue) and paper copies: an amendment is a new version
 * of the same number; a paper copy's dispatch record and its outbox message are written in the issuance (or reprint)
 * transaction; a cancellation cancels
 * the licence; a renewal outside its window and an application for someone else's licence are refused at filing.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dispatchKey } from '../../../lambdas/adapters/dynamo/dispatch-repository';
import { outboxKey } from '../../../lambdas/adapters/dynamo/outbox-store';
import { requiredDocuments } from '../../../lambdas/domain/application-documents';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { type AppJson, Applicant, reviewSteps, THREE_DOCUMENTS } from '../../support/applications';
import { readJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.stop());

const address = { recipient: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' };

async function licensed(
  seed: number,
  paperCopy?: unknown,
): Promise<{ applicant: Applicant; licenceNo: string; app: AppJson }> {
  const applicant = await Applicant.create(runtime, seed);
  const app = await applicant.fileNew(['16-204'], paperCopy ? { paperCopy } : {});
  await applicant.uploadAll(app.id);
  expect((await applicant.submit(app.id)).status).toBe(200);
  const issued = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
  return { applicant, licenceNo: issued.outcome?.licenceNo as string, app: issued };
}

async function filedOnLicence(applicant: Applicant, body: Record<string, unknown>): Promise<AppJson> {
  const res = await applicant.file(body);
  expect(res.status, await res.clone().text()).toBe(201);
  const app = (await res.json()) as AppJson;
  await applicant.uploadAll(
    app.id,
    THREE_DOCUMENTS.filter((d) => requiredDocuments(app.kind).includes(d.type)),
  );
  expect((await applicant.submit(app.id)).status).toBe(200);
  return app;
}

describe('paper copies', () => {
  test('a new licence with a paper copy writes its dispatch record with the certificate; the address is masked in views', async () => {
    // Act
    const { applicant, app, licenceNo } = await licensed(901, { address });

    // Assess
    const cert = await readJson(await applicant.request(app.links.certificate as string));
    const id = `DSP-${cert.paperSerial}`;
    // The message first: the worker completes it only after the waybill, so a dispatch still pending had it.
    const message = await dynamoClient().send(
      new GetCommand({ TableName: runtime.env.TABLE_NAME, Key: outboxKey({ topic: 'dispatch', id }) }),
    );
    const item = await dynamoClient().send(new GetCommand({ TableName: runtime.env.TABLE_NAME, Key: dispatchKey(id) }));
    expect(item.Item).toMatchObject({
      licenceNo,
      version: 1,
      paperSerial: cert.paperSerial,
      state: 'pending',
      reason: 'issue',
      requestedAt: message.Item?.createdAt,
    });
    expect(message.Item).toMatchObject({ topic: 'dispatch', id, body: { dispatchId: id } });
    const view = (await (await applicant.get(app.id)).json()) as { paperCopy: { address: { phone: string } } };
    expect(view.paperCopy.address.phone).not.toContain('12345678');
  });

  test('a bad postal address is refused at filing with the field named', async () => {
    const applicant = await Applicant.create(runtime, 902);
    const res = await applicant.file({
      kind: 'new',
      enterprise: applicant.enterprise(),
      products: ['16-204'],
      paperCopy: { address: { ...address, postcode: '43007' } },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('paperCopy.address.postcode');
  });
});

describe('kinds on an existing licence', () => {
  test('amend: a new version of the same number with the new name', async () => {
    // Prepare
    const { applicant, licenceNo } = await licensed(911);
    const app = await filedOnLicence(applicant, { kind: 'amend', licenceNo, changes: { name: '湖北更名后有限公司' } });

    // Act
    const done = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);

    // Assess
    expect(done).toMatchObject({ state: 'issued', outcome: { licenceNo, version: 2 } });
    const cert = await readJson(await applicant.request(done.links.certificate as string));
    expect(cert).toMatchObject({ version: 2, enterprise: { name: '湖北更名后有限公司' } });
  });

  test('cancel: the licence becomes cancelled and the application is closed', async () => {
    const { applicant, licenceNo } = await licensed(912);
    const app = await filedOnLicence(applicant, { kind: 'cancel', licenceNo, reason: '企业停产' });
    const done = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
    expect(done).toMatchObject({ state: 'closed', outcome: { licenceNo } });
    const cert = await readJson(await runtime.request(done.links.certificate as string, { as: 'officer' }));
    expect(cert.status).toBe('cancelled');
  });

  test('reissue (补领): a new paper serial on the same version, with its print record and dispatch', async () => {
    // Prepare
    const { applicant, licenceNo } = await licensed(916);
    const before = await readJson(await applicant.request(`/v1/certificates/${encodeURIComponent(licenceNo)}`));
    const app = await filedOnLicence(applicant, {
      kind: 'reissue',
      licenceNo,
      reason: '纸质证书遗失',
      paperCopy: { address },
    });

    // Act
    const done = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);

    // Assess
    expect(done).toMatchObject({
      state: 'issued',
      outcome: { licenceNo, version: 1, paperSerial: expect.any(String) },
    });
    const after = await readJson(await applicant.request(done.links.certificate as string));
    expect(after.version).toBe(1);
    expect(after.paperSerial).toBe(done.outcome?.paperSerial as string);
    expect(after.paperSerial).not.toBe(before.paperSerial);
    const get = (Key: Record<string, string>) =>
      dynamoClient().send(new GetCommand({ TableName: runtime.env.TABLE_NAME, Key }));
    const print = await get({ pk: `CERT#${after.licenceNoUrlSafe}`, sk: `PRINT#${after.paperSerial}` });
    expect(print.Item?.print).toMatchObject({
      version: 1,
      replacesPaperSerial: before.paperSerial,
      qrText: before.qr.text,
    });
    const dispatchId = `DSP-${after.paperSerial}`;
    const message = await get(outboxKey({ topic: 'dispatch', id: dispatchId }));
    const dispatch = await get(dispatchKey(dispatchId));
    expect(dispatch.Item).toMatchObject({ reason: 'reissue', version: 1, state: 'pending' });
    expect(message.Item).toMatchObject({ topic: 'dispatch', id: dispatchId, createdAt: dispatch.Item?.requestedAt });
  });

  test('renew before the renewal window is refused at filing', async () => {
    const { applicant, licenceNo } = await licensed(913);
    const res = await applicant.file({ kind: 'renew', licenceNo });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('RENEWAL_NOT_OPEN');
  });

  test('another enterprise’s licence is refused', async () => {
    const { licenceNo } = await licensed(914);
    const stranger = await Applicant.create(runtime, 915);
    const res = await stranger.file({ kind: 'cancel', licenceNo, reason: '恶意注销' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('APPLICATION_FOREIGN_ENTERPRISE');
  });
});
