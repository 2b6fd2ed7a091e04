/**
 * The workbench's dispatches page through the local runtime: parcels of one state requested in one month (the API's
 * `listDispatches` use case), chosen in a plain GET form, 50 a page through sealed cursors; a real issuance with a
 * paper copy shows up with its waybill once the dispatch worker has one.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dispatchItem } from '../../../lambdas/adapters/dynamo/dispatch-repository';
import { localDateOf } from '../../../lambdas/domain/dates';
import { type Dispatch, requestDispatch } from '../../../lambdas/domain/dispatch';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { jsonRequest } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { transferredSize } from '../../support/console/transferred';
import { paperCopyBody, waybillAfterRelay } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const { get, signIn } = consoleHttp(() => runtime.baseUrl);
const LIST = '/console/workbench/dispatches';
let reviewer: Jar;
let officer: Jar;

beforeAll(async () => {
  runtime = await startTestRuntime();
  reviewer = await signIn('reviewer', 'reviewer-demo');
  officer = await signIn('officer', 'officer-demo');
});
afterAll(() => runtime?.stop());

/** A parcel returned in March 2001, written as the issuance transaction writes one (apart from every real one). */
function returnedParcel(i: number): Dispatch {
  const pending = requestDispatch({
    licenceNo: LicenceNumber.parse(`(鄂)XK06-001-8${String(i).padStart(4, '0')}`),
    version: 1,
    paperSerial: `2001${String(i).padStart(7, '0')}`,
    uscc: '91420100MA4K2X1R09',
    address: {
      recipient: `收件人${i}`,
      phone: '13812345678',
      address: { line: '湖北省武汉市洪山区珞喻路1037号' },
      postcode: '430074',
    },
    reason: 'issue',
    requestedBy: 'officer-1',
    at: new Date(Date.UTC(2001, 2, 1 + (i % 28), 2, 0, i)).toISOString(),
  });
  return { ...pending, state: 'returned', waybillNo: `SF${String(i).padStart(10, '0')}` };
}

describe('dispatches by state and month', () => {
  test('an issued paper copy is listed under its state and this month, with its waybill', async () => {
    // Prepare: an officer issues with a paper copy; the worker books the parcel
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(paperCopyBody({ seed: 1311 })),
    });
    expect(res.status).toBe(201);
    const issued = (await res.json()) as { licenceNo: string; dispatches?: { id: string }[] };
    const parcels = (await (
      await runtime.request(`/v1/certificates/${encodeURIComponent(issued.licenceNo)}/dispatches`, { as: 'officer' })
    ).json()) as { items: { id: string }[] };
    const id = parcels.items[0]?.id as string;
    const waybillNo = await waybillAfterRelay(id);
    const month = localDateOf(new Date()).slice(0, 7);

    // Act
    const page = await get(reviewer, `${LIST}?state=label-created&month=${month}`);
    const pending = await (await get(officer, `${LIST}?state=pending&month=${month}`)).text();
    const bare = await get(officer, LIST);

    // Assess
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(issued.licenceNo);
    expect(text).toContain(waybillNo);
    expect(text).toContain('张三丰');
    expect(text).toContain('已下单，待揽收');
    expect(pending).not.toContain(issued.licenceNo);
    // The form shows what was chosen.
    expect(text).toContain('<option value="label-created" selected>');
    expect(text).toContain(`name="month" type="month" value="${month}"`);
    // Without a month: this month's address (the list and its cursors are always for a month the address names).
    expect(bare.status).toBe(303);
    expect(bare.headers.get('location')).toBe(`${LIST}?state=pending&month=${month}`);
  });

  test('50 a page: the next link continues the same state and month, and is refused for another month', async () => {
    // Prepare
    for (let i = 0; i < 51; i++) {
      await dynamoClient().send(
        new PutCommand({ TableName: config().tableName, Item: dispatchItem(returnedParcel(i)) }),
      );
    }

    // Act
    const first = await (await get(reviewer, `${LIST}?state=returned&month=2001-03`)).text();
    const next = /<a href="([^"]+)">下一页<\/a>/.exec(first)?.[1]?.replace(/&amp;/g, '&') as string;
    const second = await (await get(reviewer, next)).text();
    const otherMonth = await get(reviewer, next.replace('month=2001-03', 'month=2001-04'));
    const otherPerson = await get(officer, next);
    const sent = await transferredSize(runtime.baseUrl, `${LIST}?state=returned&month=2001-03`, reviewer.header());

    // Assess
    expect((first.match(/收件人\d+/g) ?? []).length).toBe(50);
    expect(next).toMatch(/state=returned&month=2001-03&cursor=/);
    expect((second.match(/收件人\d+/g) ?? []).length).toBe(1);
    expect(second).not.toContain('下一页');
    expect(otherMonth.status).toBe(400);
    expect(otherPerson.status).toBe(400);
    expect(sent.bytes).toBeLessThanOrEqual(60 * 1024);
  });

  test('a month that is not one is a 400 page, not a 500; an empty month says so', async () => {
    // Act
    const bad = await get(reviewer, `${LIST}?state=returned&month=2001-13`);
    const empty = await (await get(reviewer, `${LIST}?state=delivered&month=2001-03`)).text();

    // Assess
    expect(bad.status).toBe(400);
    expect(empty).toContain('没有“已签收”的寄递');
  });
});
