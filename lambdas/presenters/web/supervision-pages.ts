/**
 * 一公开's pages: the published spot-check plans and each plan, as self-contained HTML documents — zh-CN with English
 * alongside, no JavaScript, no external assets, one hashed inline stylesheet under a strict CSP (as the verification
 * page). They draw the public JSON views (`presenters/supervision-view.ts`), so a page can show nothing the JSON does
 * not publish: no secret before the draw, no inspector's name, no unpublished result. Every value goes through the
 * escaping `html` tag. The plan page's sections are `supervision-plan-page.ts`.
 *
 * @example
 * return { markup: renderPlanListPage({ items: page.items.map((p) => publicPlanView(p)), next }, { largeText }) };
 */
import type { z } from 'zod';
import type { PublicCheckView, PublicPlanView } from '../../contracts/supervision';
import { ERROR_MEANINGS, type ErrorCode } from '../../domain/error-catalogue';
import { DEFAULT_AUTHORITY } from '../../domain/verification/result';
import { html, type SafeHtml, trusted } from './escape';
import { icon } from './icons';
import { SUPERVISION_PAGE_STYLE, SUPERVISION_PAGE_STYLE_HASH } from './supervision-page-style';

/** A plan as the public JSON shows it. */
export type PublicPlan = z.input<typeof PublicPlanView>;
/** A drawn enterprise's check as the public JSON shows it. */
export type PublicCheck = z.input<typeof PublicCheckView>;

/** How a page is drawn for its reader. */
export interface SupervisionPageOptions {
  /** 大字: larger text; the page's own links keep it (`?text=large`). */
  readonly largeText: boolean;
}

/** The pages' CSP: nothing may load, only the hashed stylesheet applies, no form posts anywhere. */
export const SUPERVISION_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${SUPERVISION_PAGE_STYLE_HASH}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers of every plan page. A minute's caching: a page changes only as results are published.
 *
 * @example
 * html(200, renderPlanPage(plan, options), { ...SUPERVISION_PAGE_HEADERS });
 */
export const SUPERVISION_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': SUPERVISION_PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'public, max-age=60',
});

/** Where the pages live. */
export const PLANS_PAGE_PATH = '/supervision/plans';

/**
 * A link to one of the pages, keeping large text.
 *
 * @example
 * pageHref('/supervision/plans/PLAN-…', { largeText: true }); // '/supervision/plans/PLAN-…?text=large'
 */
export function pageHref(path: string, options: SupervisionPageOptions): string {
  if (!options.largeText) return path;
  return `${path}${path.includes('?') ? '&' : '?'}text=large`;
}

/** Plan states as the public reads them. */
export const PLAN_STATE_WORDS = {
  frozen: { zh: '已冻结待摇号', en: 'Frozen, awaiting the draw' },
  drawn: { zh: '已摇号', en: 'Drawn' },
  draft: { zh: '草稿', en: 'Draft' },
} as const;

/**
 * A plan's state as a badge: icon and words (colour only repeats them).
 *
 * @example
 * html`${stateBadge('frozen')}`; // 已冻结待摇号 Frozen, awaiting the draw
 */
export function stateBadge(state: PublicPlan['state']): SafeHtml {
  const words = PLAN_STATE_WORDS[state];
  return html`<p class="state state-${state}">${icon(state === 'drawn' ? 'check' : 'clock', 'state-icon')}${words.zh} <span class="en" lang="en">${words.en}</span></p>`;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * An instant in Beijing time to the minute, marked up as `<time>`.
 *
 * @example
 * beijingTime('2026-12-05T02:00:00.000Z'); // <time datetime="…">2026-12-05 10:00</time> 北京时间 …
 */
export function beijingTime(iso: string): SafeHtml {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return html`${iso}`;
  const local = new Date(ms + BEIJING_OFFSET_MS).toISOString();
  return html`<time class="nowrap" datetime="${iso}">${local.slice(0, 10)} ${local.slice(11, 16)}</time> <span class="nowrap">北京时间</span> <span class="en" lang="en">Beijing time</span>`;
}

/**
 * A calendar date (`YYYY-MM-DD`) kept on one line: a date broken at its hyphens is hard to read.
 *
 * @example
 * html`${day('2027-04-30')}`; // <span class="nowrap">2027-04-30</span>
 */
export const day = (date: string): SafeHtml => html`<span class="nowrap">${date}</span>`;

/**
 * A whole document in the pages' layout.
 *
 * @example
 * document({ title: { zh: '抽查计划', en: 'Plans' }, body, here: '/supervision/plans' }, { largeText: false });
 */
export function document(
  page: {
    readonly title: { readonly zh: string; readonly en: string };
    readonly body: SafeHtml;
    /** This page's path and query (without `text`), for the large-text switch. */
    readonly here: string;
  },
  options: SupervisionPageOptions,
): string {
  const authority = DEFAULT_AUTHORITY;
  const switchTo = options.largeText
    ? html`<a href="${withText(page.here, 'normal')}">标准字号 <span lang="en">Standard text</span></a>`
    : html`<a href="${withText(page.here, 'large')}">大字 <span lang="en">Larger text</span></a>`;
  return html`<!doctype html>
<html lang="zh-CN"${options.largeText ? html` class="large"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${page.title.zh} ${page.title.en} · 双随机、一公开 · ${authority.zh}</title>
<link rel="icon" href="data:,">
<style>${trusted(SUPERVISION_PAGE_STYLE)}</style>
</head>
<body class="wide">
<header class="site"><div class="site-inner">
<p class="site-authority">${authority.zh} <span lang="en">${authority.en}</span></p>
<p class="site-tools">${switchTo}</p>
</div></header>
<main>
${page.body}
</main>
<footer class="foot">
<p>双随机、一公开：抽查对象和检查人员均随机抽取，抽查结果向社会公开。本页面无需登录。<br><span lang="en">Random inspections, published results: the enterprises and the inspectors are both drawn at random, and the results are public. No sign-in needed.</span></p>
<p>抽查结果在检查后 20 个工作日内公布。<br><span lang="en">Results are published within 20 working days of the check.</span></p>
</footer>
</body>
</html>
`.value;
}

/** `path` with `text` set (dropped for standard text). */
function withText(path: string, text: 'large' | 'normal'): string {
  const url = new URL(path, 'https://page.invalid');
  url.searchParams.delete('text');
  if (text === 'large') url.searchParams.set('text', 'large');
  return `${url.pathname}${url.search}`;
}

const sampleWords = (plan: PublicPlan): SafeHtml => {
  if (plan.commitment) {
    return html`${plan.commitment.sampleSize} 家（候选 ${plan.commitment.enterpriseCount} 家） <span class="en" lang="en">${plan.commitment.sampleSize} of ${plan.commitment.enterpriseCount} enterprises</span>`;
  }
  return html`—`;
};

function planItem(plan: PublicPlan, options: SupervisionPageOptions): SafeHtml {
  const href = pageHref(`${PLANS_PAGE_PATH}/${plan.id}`, options);
  return html`<li class="card">
<h2 id="plan-${plan.id}"><a href="${href}">${plan.name}</a></h2>
${stateBadge(plan.state)}
<dl class="fields">
<div><dt>检查期限 <span lang="en">Check window</span></dt><dd>${day(plan.window.from)} 至 ${day(plan.window.to)} <span class="en" lang="en">${day(plan.window.from)} to ${day(plan.window.to)}</span></dd></div>
<div><dt>抽取数量 <span lang="en">Sample</span></dt><dd>${sampleWords(plan)}</dd></div>
${
  plan.draw
    ? html`<div><dt>摇号结果 <span lang="en">Draw</span></dt><dd>抽中 ${plan.draw.drawn} 家 <span class="en" lang="en">${plan.draw.drawn} drawn</span></dd></div>`
    : html`<div><dt>摇号日期 <span lang="en">Draw on</span></dt><dd>${day(plan.entropy.date)} 随机源公布之后 <span class="en" lang="en">after the entropy is published on ${day(plan.entropy.date)}</span></dd></div>`
}
<div><dt>计划编号 <span lang="en">Plan id</span></dt><dd class="digest">${plan.id}</dd></div>
</dl>
<p><a href="${href}">查看计划${plan.state === 'drawn' ? '、摇号记录和检查结果' : '和摇号承诺'} <span lang="en">${plan.state === 'drawn' ? 'The plan, its draw and the results' : 'The plan and its commitment'}</span></a> · <a href="${plan.links.self}">JSON</a></p>
</li>`;
}

/**
 * The list page: plans newest first, each with its state, window, sample and links; a link to the next page.
 *
 * @example
 * renderPlanListPage({ items, next: '/supervision/plans?cursor=…', first: true }, { largeText: false });
 */
export function renderPlanListPage(
  model: {
    readonly items: readonly PublicPlan[];
    /** The next page's link (already sealed), or undefined on the last page. */
    readonly next?: string | undefined;
    /** Whether this is the first page (else a link back to it). */
    readonly first: boolean;
    /** This page's path and query. */
    readonly here: string;
  },
  options: SupervisionPageOptions,
): string {
  const list =
    model.items.length === 0
      ? html`<p class="card">${model.first ? '目前没有公开的抽查计划。' : '没有更多抽查计划。'}<br><span class="en" lang="en">${model.first ? 'No spot-check plan is published yet.' : 'No more plans.'}</span></p>`
      : html`<ol class="plans">${model.items.map((p) => planItem(p, options))}</ol>`;
  const pager =
    model.next || !model.first
      ? html`<nav class="pager" aria-label="翻页 Pages">
${model.first ? '' : html`<a class="again" href="${pageHref(PLANS_PAGE_PATH, options)}">第一页 <span lang="en">First page</span></a>`}
${model.next ? html`<a class="again" href="${pageHref(model.next, options)}">下一页 <span lang="en">Next page</span></a>` : ''}
</nav>`
      : '';
  const body = html`<h1>双随机抽查计划 <span lang="en">Random spot-check plans</span></h1>
<p class="lead">每个计划在摇号前公布承诺值，摇号后公布完整记录，任何人都可以自行复核摇号结果。<br><span class="en" lang="en">Each plan publishes its commitment before the draw and the full record after it, so anyone can re-run the draw and confirm it.</span></p>
${list}
${pager}
<p><a href="/v1/public/supervision/plans">JSON</a></p>`;
  return document({ title: { zh: '双随机抽查计划', en: 'Random spot-check plans' }, body, here: model.here }, options);
}

/**
 * An error as a page: what happened in both languages, the code, a way back to the list.
 *
 * @example
 * renderSupervisionErrorPage({ status: 404, code: 'SUPERVISION_PLAN_NOT_FOUND' }, { largeText: false, here: '/…' });
 */
export function renderSupervisionErrorPage(
  error: {
    readonly status: number;
    readonly code: ErrorCode;
    readonly correlationId?: string;
  },
  options: SupervisionPageOptions & { readonly here: string },
): string {
  const meaning = ERROR_MEANINGS[error.code];
  const title =
    error.status === 404
      ? { zh: '没有找到', en: 'Not found' }
      : error.status < 500
        ? { zh: '地址有误', en: 'This address is not valid' }
        : { zh: '暂时无法显示', en: 'Cannot be shown right now' };
  const body = html`<h1>${title.zh} <span lang="en">${title.en}</span></h1>
<section class="notice tone-${error.status < 500 ? 'warn' : 'bad'}" aria-labelledby="error-title">
${icon('warning', 'notice-icon')}
<div>
<h2 id="error-title">${meaning.zh} <span lang="en">${meaning.en}</span></h2>
${error.status === 404 ? html`<p>只有已冻结或已摇号的计划才会公开。<br><span class="en" lang="en">Only frozen and drawn plans are published.</span></p>` : ''}
<p>错误代码 <span lang="en">Error code</span>：<code>${error.code}</code>（HTTP ${error.status}）${error.correlationId ? html`，关联 ID <span lang="en">correlation id</span>：<code>${error.correlationId}</code>` : ''}</p>
</div>
</section>
<a class="again" href="${pageHref(PLANS_PAGE_PATH, options)}">查看全部抽查计划 <span lang="en">All spot-check plans</span></a>`;
  return document({ title, body, here: options.here }, options);
}

/**
 * Large text from a request's query: `text=large`.
 *
 * @example
 * largeTextOf('text=large&cursor=x'); // true
 */
export const largeTextOf = (rawQuery: string | undefined): boolean =>
  new URLSearchParams(rawQuery ?? '').get('text') === 'large';
