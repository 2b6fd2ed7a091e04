/**
 * 一公开's pages through the runtime `npm start` runs, on a clock set to the day the plans' entropy is published:
 * `GET /supervision/plans` and `GET /supervision/plans/{planId}` answer bilingual HTML without sign-in — the frozen
 * plan with its commitment and no secret, the drawn plan with its proof, the `verify-draw` command and the drawn
 * enterprises with only their published results — and pages for errors: 404 for a draft or an unknown plan, 400 for
 * a malformed id or a forged cursor. The JSON's `links.page` and the page link to each other.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { type PreparedPlans, preparePlans, SUPERVISION_CLOCK } from '../../support/supervision-api';

/** Four enterprises: the drawn plan (sample 4) draws them all, the one named with markup included. */
const NAMES = ['武汉甲线缆有限公司', '武汉乙电缆有限公司', '武汉丙电线有限公司', '武汉<b>丁</b>电缆厂'];

let runtime: TestRuntime;
let plans: PreparedPlans;

beforeAll(async () => {
  runtime = await startTestRuntime({ clock: SUPERVISION_CLOCK });
  plans = await preparePlans(runtime, 'PG', 610, NAMES);
}, 120_000);
afterAll(() => runtime?.stop());

/** A page as a browser asks for it, with no sign-in. */
async function page(path: string): Promise<{ status: number; type: string; text: string; headers: Headers }> {
  const res = await fetch(`${runtime.baseUrl}${path}`, { headers: { accept: 'text/html' } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: await res.text(),
    headers: res.headers,
  };
}

interface PublicPlanJson {
  links: { self: string; page: string; record?: string };
  draw?: { secret: string; seed: string };
  entropy: { value?: string };
  checks?: {
    position: number;
    enterpriseName: string;
    uscc: string;
    licenceNo: string;
    team: string[];
    state: string;
  }[];
}

const publicJson = async (planId: string): Promise<PublicPlanJson> =>
  (await (await fetch(`${runtime.baseUrl}/v1/public/supervision/plans/${planId}`)).json()) as PublicPlanJson;

/** The text of the page without its markup (entities kept as they are). */
const textOf = (markup: string): string =>
  markup
    .replaceAll('<wbr>', '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the list page', () => {
  test('shows the frozen and the drawn plan with their states, not the draft', async () => {
    // Act
    const res = await page('/supervision/plans');

    // Assess
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(res.text).toContain(`href="/supervision/plans/${plans.frozen.id}"`);
    expect(res.text).toContain(`href="/supervision/plans/${plans.drawn.id}"`);
    expect(res.text).not.toContain(plans.draft.id);
    const text = textOf(res.text);
    expect(text).toContain('已冻结待摇号');
    expect(text).toContain('已摇号');
    expect(text).toContain('2027-03-10 至 2027-04-30');
    expect(res.text).not.toContain('<script');
  });

  test('pages with a sealed cursor, keeps large text on its links, and refuses a forged cursor with a 400 page', async () => {
    // Act
    const first = await page('/supervision/plans?limit=1&text=large');
    const next = /href="(\/supervision\/plans\?[^"]*cursor=[^"]+)"/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    const second = next ? await page(next) : undefined;
    const forged = await page('/supervision/plans?cursor=AAAA-not-a-cursor');

    // Assess
    expect(first.text).toContain('<html lang="zh-CN" class="large">');
    expect(next).toContain('text=large');
    expect(next).toContain('limit=1');
    expect(second?.status).toBe(200);
    expect(second?.text).toContain('class="large"');
    // Newest first: the drawn plan was created last; the frozen plan is on the second page.
    expect(first.text).toContain(plans.drawn.id);
    expect(second?.text).toContain(plans.frozen.id);
    expect(forged.status).toBe(400);
    expect(forged.type).toMatch(/^text\/html/);
    expect(forged.text).toContain('INVALID_CURSOR');
  });
});

describe('a frozen plan', () => {
  test('shows its rules, commitment and entropy — and no secret', async () => {
    // Act
    const res = await page(`/supervision/plans/${plans.frozen.id}`);
    const json = await publicJson(plans.frozen.id);

    // Assess
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    const c = plans.frozen.commitment;
    expect(c).toBeDefined();
    for (const value of [c?.commitment, c?.enterpriseDigest, c?.inspectorDigest]) expect(text).toContain(value);
    expect(text).toContain('已冻结待摇号');
    expect(text).toContain('抽取 3 家企业');
    expect(text).toContain('每家企业 2 名');
    expect(text).toContain('检查人员不派往本人所在辖区');
    expect(text).toContain('中国福利彩票双色球第2027023期开奖号码');
    expect(text).toContain('2027-03-15');
    expect(text).toContain('为什么摇号无法被操纵');
    expect(text).not.toContain('公开的秘密值');
    expect(text).not.toContain('verify-draw');
    expect(json.draw).toBeUndefined();
    expect(json.links.page).toBe(`/supervision/plans/${plans.frozen.id}`);
    expect(res.text).toContain(`href="${json.links.self}"`);
  });
});

describe('a drawn plan', () => {
  test('shows the draw, the verify-draw command and the drawn enterprises with their published results', async () => {
    // Act
    const res = await page(`/supervision/plans/${plans.drawn.id}`);
    const json = await publicJson(plans.drawn.id);

    // Assess
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(text).toContain('已摇号');
    expect(text).toContain(json.draw?.secret);
    expect(text).toContain(json.draw?.seed);
    expect(text).toContain(json.entropy.value);
    expect(text).toContain(`npm run verify-draw -- ${runtime.baseUrl}/v1/public/supervision/plans/${plans.drawn.id}`);
    expect(res.text).toContain(`href="${json.links.record}"`);
    expect(json.links.page).toBe(`/supervision/plans/${plans.drawn.id}`);
    const checks = json.checks ?? [];
    expect(checks).toHaveLength(4);
    for (const check of checks) {
      expect(res.text).toContain(check.uscc);
      expect(text).toContain(check.licenceNo);
      for (const code of check.team) expect(text).toContain(code);
    }
    const rows = res.text.split('<tr>').slice(2);
    expect(rows).toHaveLength(4);
    // 1: failed, suspended, published; 2: passed but not published (still scheduled); 3: passed, published; 4: due.
    expect(textOf(rows[0] ?? '')).toMatch(/不合格.*暂扣许可证.*绝缘层厚度不符合 GB\/T 5023 要求.*公布日期.*2027-03-01/);
    expect(textOf(rows[1] ?? '')).toContain('待检查');
    expect(textOf(rows[1] ?? '')).not.toContain('合格');
    expect(textOf(rows[2] ?? '')).toMatch(/合格.*公布日期/);
    expect(textOf(rows[3] ?? '')).toContain('待检查');
  });

  test('shows an enterprise name with markup as text', async () => {
    // Act
    const res = await page(`/supervision/plans/${plans.drawn.id}`);

    // Assess
    expect(res.text).not.toContain('<b>丁</b>');
    expect(res.text).toContain('武汉&lt;b&gt;丁&lt;/b&gt;电缆厂');
  });
});

describe('error pages', () => {
  test.each([
    ['a draft', () => `/supervision/plans/${plans.draft.id}`],
    ['an unknown plan', () => '/supervision/plans/PLAN-20270301-AAAAAAAAAA'],
  ])('%s: 404, a page naming SUPERVISION_PLAN_NOT_FOUND', async (_name, path) => {
    // Act
    const res = await page(path());

    // Assess
    expect(res.status).toBe(404);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.text).toContain('SUPERVISION_PLAN_NOT_FOUND');
    expect(res.text).toContain('没有找到');
    expect(res.text).not.toContain('2027年第二季度电线电缆产品双随机抽查（草稿）');
  });

  test('a malformed id: 400, a page naming INVALID_REQUEST, the address not echoed as markup', async () => {
    // Act
    const res = await page(`/supervision/plans/${encodeURIComponent('PLAN-<script>x')}`);

    // Assess
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.text).toContain('INVALID_REQUEST');
    expect(res.text).not.toContain('<script');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
