/**
 * The workbench's worklist and application pages through the local runtime, signed in as the demo staff: the
 * worklist by deadline with working days left and overdue marked in words, filters and orders, 50 rows a page through
 * sealed cursors (the API's list gives the same page), documents opened in the page through the audited read under a
 * CSP that names exactly the storage origin, a reviewer's accept and pass that issues, an officer's decision, the
 * wrong role refused, a refused step drawn again beside its field, and every page ≤ 60 KB as the browser gets it.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { applicationDeps } from '../../../lambdas/composition/applications';
import { Application } from '../../../lambdas/domain/application';
import { newApplicationId } from '../../../lambdas/use-cases/applications/file-application';
import { type AppJson, storeCheckedDocuments } from '../../support/applications';
import { usccFor } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
// Monday 2 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-02T10:00:00+08:00');
const WORKLIST = '/console/workbench/applications';
const { get, post, signIn } = consoleHttp(() => runtime.baseUrl);
const enterprise = { id: 'ent', role: 'enterprise' };
const reviewerActor = { id: 'reviewer-x', role: 'reviewer' };

/** An application stored through the repository, as the use cases would leave it after these steps. */
async function stored(
  seed: number,
  options: {
    procedure?: 'post-issuance-review' | 'general';
    products?: string[];
    steps?: (a: Application, at: Date) => Application;
    at?: Date;
    documents?: boolean;
  } = {},
): Promise<string> {
  const uscc = usccFor(seed);
  const at = options.at ?? clock.now();
  const filed = Application.file({
    id: newApplicationId(at),
    kind: 'new',
    uscc,
    enterpriseName: `工作台测试企业${seed}`,
    procedure: options.procedure ?? 'post-issuance-review',
    request: {
      kind: 'new',
      enterprise: { name: `工作台测试企业${seed}`, uscc, domicile: '武汉', productionAddresses: ['武汉'] },
      products: options.products ?? ['06-001'],
    },
    actor: enterprise,
    at,
  }).submit({ actor: enterprise, at });
  const app = options.steps ? options.steps(filed, at) : filed;
  await applicationDeps().applications.create(app.toSnapshot());
  if (options.documents) await storeCheckedDocuments(applicationDeps(), app.id, at);
  return app.id;
}

const acceptedDue = (dueOn: string) => (a: Application, at: Date) =>
  a.review('accept', {
    actor: reviewerActor,
    at,
    deadline: { workingDays: 9, dueOn, provisional: false, unannouncedYears: [] },
  });

/** The rows of a worklist page: id, due date and the working-days cell. */
function rowsOf(page: string): { id: string; due?: string; left: string; overdue: boolean }[] {
  return [
    ...page.matchAll(
      /<tr( class="row--overdue")?>\s*<th scope="row"><a href="[^"]+">(APP-[^<]+)<\/a>([\s\S]*?)<\/tr>/g,
    ),
  ].map((m) => {
    const cells = m[3] ?? '';
    const due = /data-label="期限"><time datetime="([^"]+)"/.exec(cells)?.[1];
    const left = /data-label="剩余工作日">([\s\S]*?)<\/td>/.exec(cells)?.[1] ?? '';
    return { id: m[2] as string, ...(due ? { due } : {}), left, overdue: m[1] !== undefined };
  });
}

const nextOf = (page: string): string | undefined =>
  /<a class="button" href="([^"]+)" rel="next">/.exec(page)?.[1]?.replaceAll('&amp;', '&');

/** The bytes a browser receives for a page (compressed as it asks: brotli or gzip). */
function transferredBytes(path: string, jar: Jar): Promise<{ bytes: number; encoding: string | undefined }> {
  const url = new URL(`${runtime.baseUrl}${path}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { headers: { cookie: jar.header(), 'accept-encoding': 'gzip, deflate, br, zstd' } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const csrfIn = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

let bulk: string[] = [];
let overdueIds: string[] = [];
let generalId: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ overrides: { clock } });
  // 56 accepted post-issuance applications due over the coming weeks, 4 of them already overdue, and one general
  // application waiting for acceptance (no deadline yet).
  const dues = Array.from({ length: 56 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 9, 28 + i)); // from 28 October
    return day.toISOString().slice(0, 10);
  });
  bulk = [];
  for (const [i, dueOn] of dues.entries()) {
    bulk.push(await stored(7000 + i, { steps: acceptedDue(dueOn), at: new Date(clock.now().getTime() - i * 60_000) }));
  }
  overdueIds = bulk.slice(0, 5).filter((_, i) => dues[i] !== undefined && (dues[i] as string) < '2026-11-02');
  generalId = await stored(7100, { procedure: 'general', products: ['85-901'] });
});
afterAll(() => runtime?.stop());

describe('the worklist', () => {
  test('by deadline, 50 a page through sealed cursors; working days left; overdue marked by icon and text', async () => {
    // Prepare
    const reviewer = await signIn('reviewer', 'reviewer-demo');

    // Act
    const first = await get(reviewer, WORKLIST);
    const firstPage = await first.text();
    const next = nextOf(firstPage);
    const secondPage = next ? await (await get(reviewer, next)).text() : '';

    // Assess
    expect(first.status).toBe(200);
    expect(firstPage).toContain('<h1>待办申请</h1>');
    const rows = rowsOf(firstPage);
    expect(rows).toHaveLength(50);
    const dues = rows.map((r) => r.due ?? '~');
    expect(dues).toEqual([...dues].sort());
    expect(next).toMatch(/^\/console\/workbench\/applications\?cursor=[A-Za-z0-9._~-]+/);
    // The cursor is sealed: no DynamoDB key in it.
    expect(decodeURIComponent(next ?? '')).not.toMatch(/gsi|APP#|WL#/);
    const all = [...rows, ...rowsOf(secondPage)].map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([...bulk, generalId]));
    expect(all.at(-1)).toBe(generalId); // no deadline yet: after every date
    // 28 Oct – 1 Nov are past on 2 Nov: overdue, said in words with an icon; 2 Nov itself is not.
    const overdue = rows.filter((r) => r.overdue);
    expect(overdue.map((r) => r.id)).toEqual(overdueIds);
    for (const r of overdue) expect(r.left).toMatch(/<svg[^>]*aria-hidden="true"[\s\S]*已逾期/);
    const dueToday = rows.find((r) => r.due === '2026-11-02');
    expect(dueToday?.left).toContain('<strong>0</strong> 个工作日');
    const dueFriday = rows.find((r) => r.due === '2026-11-06');
    expect(dueFriday?.left).toContain('<strong>4</strong> 个工作日');
  });

  test('a cursor is refused on another filter and when tampered with (400 page, catalogued code)', async () => {
    // Prepare
    const reviewer = await signIn('reviewer', 'reviewer-demo');
    const next = nextOf(await (await get(reviewer, WORKLIST)).text()) as string;
    const cursor = new URL(next, runtime.baseUrl).searchParams.get('cursor') as string;

    // Act
    const otherFilter = await get(reviewer, `${WORKLIST}?sort=received&cursor=${encodeURIComponent(cursor)}`);
    const tampered = await get(reviewer, `${WORKLIST}?cursor=${encodeURIComponent(`${cursor.slice(0, -2)}AA`)}`);
    const officer = await signIn('officer', 'officer-demo');
    const otherPerson = await get(officer, next);

    // Assess
    for (const res of [otherFilter, tampered, otherPerson]) {
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('INVALID_CURSOR');
    }
  });

  test('filters: procedure, state, overdue only; order by date received; the API lists the same page', async () => {
    // Prepare
    const officer = await signIn('officer', 'officer-demo');

    // Act
    const general = rowsOf(await (await get(officer, `${WORKLIST}?procedure=general&state=&sort=`)).text());
    const submitted = rowsOf(await (await get(officer, `${WORKLIST}?state=submitted`)).text());
    const overdue = rowsOf(await (await get(officer, `${WORKLIST}?overdue=true`)).text());
    const received = rowsOf(await (await get(officer, `${WORKLIST}?sort=received`)).text());
    const api = await runtime.request('/v1/applications?sort=deadline&limit=50', { as: 'officer' });
    const apiItems = ((await api.json()) as { items: AppJson[] }).items;
    const page = rowsOf(await (await get(officer, WORKLIST)).text());
    const badFilter = await get(officer, `${WORKLIST}?state=draft`);

    // Assess
    expect(general.map((r) => r.id)).toEqual([generalId]);
    expect(submitted.map((r) => r.id)).toEqual([generalId]);
    expect(overdue.map((r) => r.id)).toEqual(overdueIds);
    expect(overdue.every((r) => r.overdue)).toBe(true);
    // Received: the earliest first (the bulk was received a minute apart, the last one first).
    expect(received.slice(0, 3).map((r) => r.id)).toEqual([bulk[55], bulk[54], bulk[53]]);
    expect(api.status).toBe(200);
    expect(apiItems.map((a) => a.id)).toEqual(page.map((r) => r.id));
    expect(badFilter.status).toBe(400);
  });

  test('the worklist page with 50 rows is at most 60 KB as the browser receives it', async () => {
    const reviewer = await signIn('reviewer', 'reviewer-demo');
    const { bytes, encoding } = await transferredBytes(WORKLIST, reviewer);
    expect(encoding).toBe('br');
    expect(bytes).toBeLessThanOrEqual(60 * 1024);
  });
});

describe('an application', () => {
  test('documents open in the page through the audited read; the CSP allows exactly the storage origin', async () => {
    // Prepare
    const id = await stored(7200, { documents: true });
    const reviewer = await signIn('reviewer', 'reviewer-demo');
    const page = await (await get(reviewer, `${WORKLIST}/${id}`)).text();
    const view = /href="([^"]+\?document=(DOC-[^"#]+)#document-view)"/.exec(page);
    const storageOrigin = new URL(runtime.endpoints.s3).origin;

    // Act
    const opened = await get(reviewer, (view?.[1] ?? '').replaceAll('&amp;', '&'));
    const openedPage = await opened.text();
    const frameSrc = (/<iframe class="doc-frame" src="([^"]+)"/.exec(openedPage)?.[1] ?? '').replaceAll('&amp;', '&');
    const content = await fetch(frameSrc);
    const pngLink = [...page.matchAll(/href="([^"]+\?document=DOC-[^"#]+)#document-view"/g)][1]?.[1] ?? '';
    const pngPage = await (await get(reviewer, pngLink.replaceAll('&amp;', '&'))).text();
    const newTab = /href="(\/console\/workbench\/applications\/[^"]+\/documents\/DOC-[^"]+)" target="_blank"/.exec(
      page,
    );
    const tab = await get(reviewer, newTab?.[1] ?? '');
    const reads = (await runtime.request(`/v1/applications/${id}`, { as: 'officer' }).then((r) => r.json())) as AppJson;

    // Assess
    expect(view).not.toBeNull();
    expect(opened.status).toBe(200);
    const csp = opened.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-src ${storageOrigin};`);
    expect(csp).toContain(`img-src 'self' data: ${storageOrigin};`);
    expect(new URL(frameSrc).origin).toBe(storageOrigin);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode(await content.arrayBuffer())).toMatch(/^%PDF-/);
    expect(pngPage).toMatch(/<img class="doc-image" src="[^"]+" alt="[^"]+"/);
    expect(tab.status).toBe(303);
    expect(new URL(tab.headers.get('location') ?? '').origin).toBe(storageOrigin);
    // Every read recorded, by the reviewer, on the page and in the API.
    expect(reads.documentReads?.items).toHaveLength(3);
    expect(reads.documentReads?.items.every((r) => r.actor.role === 'reviewer')).toBe(true);
    expect(pngPage).toContain('材料查阅记录');
    expect(pngPage).toMatch(/审查员 [^<]+ · 申请单/);
  });

  test('a reviewer accepts then passes a post-issuance application: issued at once, the licence linked', async () => {
    // Prepare
    const id = await stored(7300, { documents: true });
    const reviewer = await signIn('reviewer', 'reviewer-demo');
    const page = await (await get(reviewer, `${WORKLIST}/${id}`)).text();
    const csrf = csrfIn(page);

    // Act
    const accept = await post(reviewer, `${WORKLIST}/${id}/review`, { _csrf: csrf, action: 'accept', comment: '' });
    const accepted = await (await get(reviewer, accept.headers.get('location') ?? '')).text();
    const pass = await post(reviewer, `${WORKLIST}/${id}/review`, {
      _csrf: csrf,
      action: 'pass-formal-review',
      comment: '材料齐全，符合要求',
    });
    const issued = await (await get(reviewer, pass.headers.get('location') ?? '')).text();
    const api = (await runtime.request(`/v1/applications/${id}`, { as: 'officer' }).then((r) => r.json())) as AppJson;

    // Assess
    expect(page).toContain('value="accept"');
    expect(page).not.toContain('value="pass-formal-review"');
    expect(page).not.toContain('/decision"');
    expect(accept.status).toBe(303);
    expect(accept.headers.get('location')).toBe(`${WORKLIST}/${id}?done=accept`);
    expect(accepted).toContain('已受理。');
    expect(accepted).toContain('剩余 9 个工作日');
    expect(accepted).toContain('value="pass-formal-review"');
    expect(pass.status).toBe(303);
    expect(api.state).toBe('issued');
    const licenceNo = api.outcome?.licenceNo ?? '';
    expect(issued).toContain('形式审查已通过。');
    expect(issued).toContain(`>${licenceNo}</a>`);
    expect(issued).toMatch(/href="\/console\/workbench\/certificates\/[^"]+"/);
    expect(issued).toContain('材料齐全，符合要求');
    expect(issued).not.toContain('value="accept"');
  });

  test('an officer refuses after the on-site review: a reason is required (422 beside the field), then rejected', async () => {
    // Prepare
    const id = await stored(7400, {
      procedure: 'general',
      products: ['85-901'],
      documents: true,
      steps: (a, at) =>
        a
          .review('accept', { actor: reviewerActor, at })
          .review('pass-formal-review', { actor: reviewerActor, at })
          .review('pass-on-site-review', { actor: reviewerActor, at }),
    });
    const officer = await signIn('officer', 'officer-demo');
    const page = await (await get(officer, `${WORKLIST}/${id}`)).text();
    const csrf = csrfIn(page);

    // Act
    const noReason = await post(officer, `${WORKLIST}/${id}/decision`, {
      _csrf: csrf,
      decision: 'refuse',
      comment: ' ',
    });
    const noReasonPage = await noReason.text();
    const refused = await post(officer, `${WORKLIST}/${id}/decision`, {
      _csrf: csrf,
      decision: 'refuse',
      comment: '现场审查记录不完整',
    });
    const after = await (await get(officer, refused.headers.get('location') ?? '')).text();

    // Assess
    expect(page).toContain('value="approve"');
    expect(page).not.toContain('/review"'); // an officer is offered no reviewer step
    expect(noReason.status).toBe(422);
    expect(noReasonPage).toMatch(
      /<textarea id="decision-comment" name="comment" rows="3" aria-describedby="decision-comment-hint decision-comment-error" aria-invalid="true">/,
    );
    expect(noReasonPage).toContain(
      'id="decision-comment-error" class="field__error" role="alert" data-code="APPLICATION_COMMENT_REQUIRED"',
    );
    expect(refused.status).toBe(303);
    expect(after).toContain('已决定不予许可。');
    expect(after).toContain('现场审查记录不完整');
  });

  test('the wrong role’s POST is refused (403 page); bad input is 422 with the catalogued code', async () => {
    // Prepare
    const id = await stored(7500, { documents: true });
    const officer = await signIn('officer', 'officer-demo');
    const reviewer = await signIn('reviewer', 'reviewer-demo');
    const officerCsrf = csrfIn(await (await get(officer, `${WORKLIST}/${id}`)).text());
    const reviewerCsrf = csrfIn(await (await get(reviewer, `${WORKLIST}/${id}`)).text());

    // Act
    const officerReviews = await post(officer, `${WORKLIST}/${id}/review`, { _csrf: officerCsrf, action: 'accept' });
    const reviewerDecides = await post(reviewer, `${WORKLIST}/${id}/decision`, {
      _csrf: reviewerCsrf,
      decision: 'approve',
    });
    const noComment = await post(reviewer, `${WORKLIST}/${id}/review`, {
      _csrf: reviewerCsrf,
      action: 'request-corrections',
      comment: '',
    });
    const noCommentPage = await noComment.text();
    const unknownAction = await post(reviewer, `${WORKLIST}/${id}/review`, { _csrf: reviewerCsrf, action: 'issue' });
    const wrongStep = await post(reviewer, `${WORKLIST}/${id}/review`, {
      _csrf: reviewerCsrf,
      action: 'pass-on-site-review',
    });
    const api = (await runtime.request(`/v1/applications/${id}`, { as: 'officer' }).then((r) => r.json())) as AppJson;

    // Assess
    expect(officerReviews.status).toBe(403);
    expect(await officerReviews.text()).toContain('调用者的角色无权执行此操作');
    expect(reviewerDecides.status).toBe(403);
    expect(noComment.status).toBe(422);
    expect(noCommentPage).toContain('data-code="APPLICATION_COMMENT_REQUIRED"');
    expect(noCommentPage).toMatch(/id="review-comment-error" class="field__error" role="alert"/);
    expect(unknownAction.status).toBe(422);
    expect(wrongStep.status).toBe(409);
    expect(await wrongStep.text()).toContain('id="review-comment-error"');
    expect(api.state).toBe('submitted');
  });

  test('the application page with its documents is at most 60 KB as the browser receives it', async () => {
    const id = await stored(7600, { documents: true });
    const reviewer = await signIn('reviewer', 'reviewer-demo');
    const { bytes } = await transferredBytes(`${WORKLIST}/${id}`, reviewer);
    expect(bytes).toBeLessThanOrEqual(60 * 1024);
  });
});
