/**
 * Real state for the fuzzer to aim at, made through the API before the first property runs: certificates in every
 * status (one with a second version and a paper copy whose parcel is in transit), applications in several states
 * with checked and unchecked documents, scheduled inspections, a certificate PDF and its QR text, and a cursor from
 * every list route. Generated requests draw identifiers from here, so most of them name things that exist and reach
 * the use cases instead of bouncing off the validators.
 *
 * @example
 * const corpus = await seedCorpus(runtime);
 * corpus.licences; // [{ printed: '(鄂)XK06-001-00001', urlSafe: '42-XK06-001-00001', owner: 'enterprise' }, …]
 */
import { vi } from 'vitest';
import { DEMO_ENTERPRISE } from '../../lib/local/demo-users';
import { type AppJson, Applicant, review, reviewSteps, THREE_DOCUMENTS } from '../support/applications';
import { type CertificateJson, issueBody, jsonRequest, usccFor } from '../support/certificates';
import { postalAddress } from '../support/dispatch';
import type { TestRuntime } from '../support/runtime';

/** Who a generated request is sent as. `other-enterprise` is a second enterprise minted for the run. */
export const CALLERS = ['anonymous', 'officer', 'reviewer', 'admin', 'enterprise', 'other-enterprise'] as const;
export type Caller = (typeof CALLERS)[number];
export type Owner = 'enterprise' | 'other-enterprise' | 'nobody';

export interface Licence {
  readonly printed: string;
  readonly urlSafe: string;
  readonly owner: Owner;
}

export interface Corpus {
  readonly tokens: Readonly<Record<Exclude<Caller, 'anonymous'>, string>>;
  /** USCC of each enterprise caller. */
  readonly usccOf: Readonly<Record<'enterprise' | 'other-enterprise', string>>;
  /** Every USCC that holds something here (the callers' and three more). */
  readonly usccs: readonly string[];
  readonly licences: readonly Licence[];
  readonly applications: readonly { readonly id: string; readonly owner: Owner; readonly state: string }[];
  readonly documents: readonly { readonly applicationId: string; readonly id: string; readonly owner: Owner }[];
  readonly inspections: readonly string[];
  readonly dispatches: readonly { readonly id: string; readonly waybillNo: string }[];
  readonly qrTexts: readonly string[];
  readonly pdf: Buffer;
  /** Cursors from real list answers, by the operation that returned them. */
  readonly cursors: Readonly<Record<string, string>>;
  /** Idempotency keys already used (a reuse with another body is a 409). */
  readonly idempotencyKeys: readonly string[];
  /** The sandbox carrier's credentials, to sign webhook calls. */
  readonly carrier: { readonly appKey: string; readonly secret: string };
}

async function expectStatus(res: Response, status: number, what: string): Promise<Response> {
  if (res.status !== status) throw new Error(`seeding: ${what} answered ${res.status}: ${await res.text()}`);
  return res;
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * Make the state (about ten seconds) and collect its identifiers.
 *
 * @example
 * const corpus = await seedCorpus(runtime);
 */
export async function seedCorpus(runtime: TestRuntime): Promise<Corpus> {
  const other = await Applicant.create(runtime, 9101);
  const idempotencyKeys: string[] = [];
  const licences: Licence[] = [];
  const qrTexts: string[] = [];

  const issue = async (body: unknown, owner: Owner): Promise<CertificateJson> => {
    const key = `fuzz-seed-${idempotencyKeys.length}-0000`;
    idempotencyKeys.push(key);
    const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(body, key) });
    const cert = (await (await expectStatus(res, 201, 'issue')).json()) as CertificateJson;
    if (!licences.some((l) => l.printed === cert.licenceNo)) {
      licences.push({ printed: cert.licenceNo, urlSafe: cert.licenceNoUrlSafe, owner });
    }
    qrTexts.push(cert.qr.text);
    return cert;
  };
  const setStatus = async (urlSafe: string, action: string) =>
    expectStatus(
      await runtime.request(`/v1/certificates/${urlSafe}/status`, {
        as: 'officer',
        ...postJson({ action, publicReason: '监督抽查不合格', legalBasis: '《工业产品生产许可证管理条例》第四十五条' }),
      }),
      200,
      `status ${action}`,
    );

  // Certificates: the demo enterprise's (a paper copy, then a second version), the other enterprise's, and two
  // held by nobody who calls, one suspended and one revoked.
  const demoBody = { ...issueBody({ uscc: DEMO_ENTERPRISE.uscc, name: DEMO_ENTERPRISE.name }) };
  const demo = await issue({ ...demoBody, paperCopy: { address: postalAddress } }, 'enterprise');
  await issue({ ...demoBody, products: ['06-001', '05-001'] }, 'enterprise');
  await issue(
    issueBody({ uscc: other.uscc, name: '湖北测试企业第9101有限公司', products: ['16-204'] }),
    'other-enterprise',
  );
  const suspended = await issue(issueBody({ seed: 9102, products: ['85-901'] }), 'nobody');
  await setStatus(suspended.licenceNoUrlSafe, 'suspend');
  const revoked = await issue(issueBody({ seed: 9103, products: ['05-001'] }), 'nobody');
  await setStatus(revoked.licenceNoUrlSafe, 'revoke');

  // The demo certificate's PDF, as a verifier would upload it.
  const download = await runtime.request(`/v1/certificates/${demo.licenceNoUrlSafe}/pdf`, {
    as: 'enterprise',
    redirect: 'manual',
  });
  await expectStatus(download, 302, 'pdf download');
  const pdf = Buffer.from(await (await fetch(download.headers.get('location') as string)).arrayBuffer());

  // Applications in several states; the other enterprise's through the presigned upload flow.
  const applications: { id: string; owner: Owner; state: string }[] = [];
  const documents: { applicationId: string; id: string; owner: Owner }[] = [];
  const submittedApp = async (applicant: Applicant, products: string[], owner: Owner): Promise<AppJson> => {
    const app = await applicant.fileNew(products);
    await applicant.uploadAll(app.id);
    await expectStatus(await applicant.submit(app.id), 200, 'submit');
    const read = (await (await applicant.get(app.id)).json()) as AppJson;
    for (const d of read.documents ?? []) documents.push({ applicationId: app.id, id: d.id, owner });
    return app;
  };
  const track = (app: AppJson, owner: Owner) => applications.push({ id: app.id, owner, state: app.state });

  const draft = await other.fileNew(['16-205']); // products it does not hold yet (filing refuses the others)
  const firstDocument = THREE_DOCUMENTS[0] as (typeof THREE_DOCUMENTS)[number];
  const uploaded = await other.upload(draft.id, firstDocument.type, firstDocument.bytes(), {
    contentType: firstDocument.contentType,
  });
  await expectStatus(await other.check(uploaded.check), 200, 'check');
  documents.push({ applicationId: draft.id, id: uploaded.id, owner: 'other-enterprise' });
  const awaiting = await other.requestUpload(draft.id, 'test-report', 1234);
  const awaitingDoc = (await (await expectStatus(awaiting, 201, 'upload request')).json()) as {
    document: { id: string };
  };
  documents.push({ applicationId: draft.id, id: awaitingDoc.document.id, owner: 'other-enterprise' });
  track(draft, 'other-enterprise');

  track(await submittedApp(other, ['06-001'], 'other-enterprise'), 'other-enterprise');
  const general = await submittedApp(other, ['85-901'], 'other-enterprise');
  track(await reviewSteps(runtime, general.id, ['accept']), 'other-enterprise');
  const onSite = await submittedApp(other, ['85-902'], 'other-enterprise');
  track(
    await reviewSteps(runtime, onSite.id, ['accept', 'pass-formal-review', 'pass-on-site-review']),
    'other-enterprise',
  );
  const rejected = await submittedApp(other, ['16-205'], 'other-enterprise');
  const rejection = await review(runtime, rejected.id, 'reject', '检测报告不符合要求');
  track((await (await expectStatus(rejection, 200, 'reject')).json()) as AppJson, 'other-enterprise');
  for (const [seed, products] of [
    [9104, ['16-205']],
    [9105, ['06-001']],
  ] as const) {
    const applicant = await Applicant.create(runtime, seed);
    const app = await submittedApp(applicant, [...products], 'nobody');
    const issued = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
    track(issued, 'nobody');
    const licenceNo = issued.outcome?.licenceNo as string;
    const cert = (await (await runtime.request(issued.links.certificate as string, { as: 'officer' })).json()) as {
      licenceNoUrlSafe: string;
    };
    licences.push({ printed: licenceNo, urlSafe: cert.licenceNoUrlSafe, owner: 'nobody' });
  }

  // The demo enterprise: a draft with a document awaiting its upload, and an amendment of its licence.
  const demoDraft = (await (
    await expectStatus(
      await runtime.request('/v1/applications', {
        as: 'enterprise',
        ...postJson({ kind: 'new', enterprise: demoBody.enterprise, products: ['16-204'] }),
      }),
      201,
      'file (demo)',
    )
  ).json()) as AppJson;
  track(demoDraft, 'enterprise');
  const demoUpload = (await (
    await expectStatus(
      await runtime.request(`/v1/applications/${demoDraft.id}/documents`, {
        as: 'enterprise',
        ...postJson({ type: 'application-form', fileName: '申请单.pdf', contentType: 'application/pdf', size: 2048 }),
      }),
      201,
      'upload request (demo)',
    )
  ).json()) as { document: { id: string } };
  documents.push({ applicationId: demoDraft.id, id: demoUpload.document.id, owner: 'enterprise' });
  const amend = await runtime.request('/v1/applications', {
    as: 'enterprise',
    ...postJson({ kind: 'amend', licenceNo: demo.licenceNo, changes: { domicile: '湖北省武汉市洪山区珞喻路1037号' } }),
  });
  track((await (await expectStatus(amend, 201, 'file amend (demo)')).json()) as AppJson, 'enterprise');

  // The parcel: wait (bounded) for the worker's waybill, then a carrier push moves it in transit.
  const dispatchId = `DSP-${demo.paperSerial}`;
  const waybillNo = await vi.waitFor(
    async () => {
      const res = await runtime.request(`/v1/certificates/${demo.licenceNoUrlSafe}/dispatches`, { as: 'officer' });
      const items = ((await res.json()) as { items: { id: string; waybillNo?: string }[] }).items;
      const waybill = items.find((d) => d.id === dispatchId)?.waybillNo;
      if (!waybill) throw new Error(`no waybill yet for ${dispatchId}`);
      return waybill;
    },
    { timeout: 20_000, interval: 50 },
  );
  await runtime.carrier.push(waybillNo, 'IN_TRANSIT');

  const inspectionsRes = await runtime.request('/v1/inspections?state=due', { as: 'reviewer' });
  const inspections = ((await inspectionsRes.json()) as { items: { id: string }[] }).items.map((i) => i.id);

  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  const cursors = await collectCursors(runtime, other.token, {
    listCertificates: '/v1/certificates?limit=1',
    listMyCertificates: '/v1/me/certificates?limit=1',
    listCertificateAudit: `/v1/certificates/${demo.licenceNoUrlSafe}/audit?limit=1`,
    listMyDispatches: '/v1/me/dispatches?limit=1',
    listDispatches: `/v1/dispatches?state=in-transit&month=${month}&limit=1`,
    listCertificateDispatches: `/v1/certificates/${demo.licenceNoUrlSafe}/dispatches?limit=1`,
    listApplications: '/v1/applications?limit=1',
    listMyApplications: '/v1/me/applications?limit=1',
    listInspections: '/v1/inspections?limit=1',
  });

  return {
    tokens: {
      officer: runtime.tokens.officer,
      reviewer: runtime.tokens.reviewer,
      admin: runtime.tokens.admin,
      enterprise: runtime.tokens.enterprise,
      'other-enterprise': other.token,
    },
    usccOf: { enterprise: DEMO_ENTERPRISE.uscc, 'other-enterprise': other.uscc },
    usccs: [DEMO_ENTERPRISE.uscc, other.uscc, usccFor(9102), usccFor(9103), usccFor(9104), usccFor(9105)],
    licences,
    applications,
    documents,
    inspections,
    dispatches: [{ id: dispatchId, waybillNo }],
    qrTexts,
    pdf,
    cursors,
    idempotencyKeys,
    carrier: {
      appKey: runtime.env.CARRIER_APP_KEY as string,
      secret: runtime.env.CARRIER_APP_SECRET as string,
    },
  };
}

/** One page of one item from each list route, as staff or as an enterprise whose list has more than one item. */
async function collectCursors(
  runtime: TestRuntime,
  otherToken: string,
  routes: Record<string, string>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [operationId, path] of Object.entries(routes)) {
    const res = !operationId.startsWith('listMy')
      ? await runtime.request(path, { as: 'officer' })
      : operationId === 'listMyDispatches'
        ? await runtime.request(path, { as: 'enterprise' })
        : await fetch(`${runtime.baseUrl}${path}`, { headers: { authorization: `Bearer ${otherToken}` } });
    const body = (await (await expectStatus(res, 200, operationId)).json()) as { cursor?: string };
    if (body.cursor) out[operationId] = body.cursor;
  }
  return out;
}
