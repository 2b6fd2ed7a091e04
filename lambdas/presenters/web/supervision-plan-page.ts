/**
 * 一公开's plan page: the plan and its rules in words; before the draw, the commitment and why the draw cannot be
 * steered; after it, the draw (entropy value, revealed secret, seed, counts), how to check it yourself, and the table
 * of drawn enterprises with their published results. Drawn from the public JSON view only.
 *
 * @example
 * renderPlanPage(publicPlanView(plan, checks), { largeText: false, baseUrl: 'https://permit.amr.hubei.gov.cn' });
 */
import { html, type SafeHtml, trusted } from './escape';
import { type IconName, icon } from './icons';
import {
  beijingTime,
  day,
  document,
  PLANS_PAGE_PATH,
  type PublicCheck,
  type PublicPlan,
  pageHref,
  type SupervisionPageOptions,
  stateBadge,
} from './supervision-pages';

/** Options of the plan page: the public origin, for the absolute URL `verify-draw` is given. */
export interface PlanPageOptions extends SupervisionPageOptions {
  /** e.g. `https://permit.amr.hubei.gov.cn` (`PUBLIC_BASE_URL`). */
  readonly baseUrl: string;
}

const PROCEDURE_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  'notification-commitment': { zh: '告知承诺', en: 'Notification and commitment' },
  'post-issuance-review': { zh: '后置现场审查', en: 'Post-issuance review' },
  general: { zh: '一般程序（先核后证）', en: 'General procedure (review first)' },
};

function field(zh: string, en: string, value: SafeHtml | string | number, digest = false): SafeHtml {
  return html`<div><dt>${zh} <span lang="en">${en}</span></dt><dd${digest ? html` class="digest"` : ''}>${value}</dd></div>`;
}

const anyOr = (items: readonly string[], shown: (items: readonly string[]) => SafeHtml): SafeHtml =>
  items.length === 0 ? html`不限 <span class="en" lang="en">Any</span>` : shown(items);

function scopeWords(scope: PublicPlan['scope']): SafeHtml {
  return html`<ul>
<li>产品类别 <span lang="en">Product categories</span>：${anyOr(scope.categories, (c) => html`${c.join('、')}`)}</li>
<li>地区（统一社会信用代码中的行政区划代码）<span lang="en">Districts (division code in the USCC)</span>：${anyOr(scope.districts, (d) => html`${d.join('、')}`)}</li>
<li>许可程序 <span lang="en">Procedures</span>：${anyOr(
    scope.procedures,
    (ps) =>
      html`${ps.map((p, i) => {
        const w = PROCEDURE_WORDS[p] ?? { zh: p, en: p };
        return html`${i > 0 ? '、' : ''}${w.zh} <span lang="en">${w.en}</span>`;
      })}`,
  )}</li>
</ul>`;
}

function sampleRule(rules: PublicPlan['rules']): SafeHtml {
  const s = rules.sample;
  if (s.kind === 'count') return html`抽取 ${s.count} 家企业 <span class="en" lang="en">${s.count} enterprises</span>`;
  const percent = String(s.basisPoints / 100);
  return html`按候选企业数的 ${percent}% 抽取（向上取整） <span class="en" lang="en">${percent} % of the candidates, rounded up</span>`;
}

function conflictRules(rules: PublicPlan['rules']): SafeHtml {
  return html`<ul class="rules">
<li>${
    rules.excludeOwnDistrict
      ? html`检查人员不派往本人所在辖区（区划代码相同）的企业。<span class="en" lang="en">No inspector goes to an enterprise in their own district (same division code).</span>`
      : html`本计划允许检查人员检查本人所在辖区的企业。<span class="en" lang="en">This plan allows inspectors to check enterprises in their own district.</span>`
  }</li>
<li>不派该企业上一次检查的检查人员。<span class="en" lang="en">Never an inspector who went on the enterprise’s previous check.</span></li>
<li>登记了回避的检查人员不派往该企业。<span class="en" lang="en">Never an inspector with a recorded recusal for the enterprise.</span></li>
<li>每名检查人员不超过其在一个计划中的检查上限。<span class="en" lang="en">Never more checks than an inspector’s per-plan maximum.</span></li>
<li>抽中的企业如无法按上述规则配齐检查人员，则跳过，由洗牌顺序中的下一家递补；跳过记录在摇号记录中。<span class="en" lang="en">A drawn enterprise that cannot be staffed under these rules is skipped for the next one in the shuffle; the skip is part of the record.</span></li>
</ul>`;
}

function planCard(plan: PublicPlan): SafeHtml {
  const { rules, window } = plan;
  return html`<section class="card" aria-labelledby="plan-title">
<h2 id="plan-title">计划 <span lang="en">The plan</span></h2>
<dl class="fields">
${field('计划编号', 'Plan id', plan.id, true)}
${field('法律依据', 'Legal basis', plan.legalBasis)}
${field('抽查范围', 'Scope', scopeWords(plan.scope))}
${field('抽取数量', 'Sample', sampleRule(rules))}
${field('每家检查人员', 'Inspectors per check', html`每家企业 ${rules.inspectorsPerCheck} 名 <span class="en" lang="en">${rules.inspectorsPerCheck} per enterprise</span>`)}
${field('分派规则', 'Assignment rules', conflictRules(rules))}
${field('检查期限', 'Check window', html`${day(window.from)} 至 ${day(window.to)}，检查须在 ${day(window.to)} 前完成 <span class="en" lang="en">${day(window.from)} to ${day(window.to)}; checks are due by ${day(window.to)}</span>`)}
</dl>
</section>`;
}

const FORMAT_WORDS = {
  decimal: { zh: '十进制数字，8–128 位', en: 'decimal digits, 8–128 characters' },
  hex: { zh: '十六进制字符，8–128 位', en: 'hexadecimal characters, 8–128 characters' },
} as const;

function commitmentCard(plan: PublicPlan): SafeHtml {
  const c = plan.commitment;
  const format = FORMAT_WORDS[plan.entropy.format];
  const entropyFields = html`${field('随机源', 'Entropy source', plan.entropy.source)}
${field('随机源公布日期', 'Published on', day(plan.entropy.date))}
${field('随机源格式', 'Format', html`${format.zh} <span class="en" lang="en">${format.en}</span>`)}`;
  if (!c) {
    return html`<section class="card" aria-labelledby="commitment-title"><h2 id="commitment-title">随机源 <span lang="en">Entropy</span></h2><dl class="fields">${entropyFields}</dl></section>`;
  }
  return html`<section class="card" aria-labelledby="commitment-title">
<h2 id="commitment-title">摇号承诺 <span lang="en">The commitment</span></h2>
<p>以下内容在计划冻结时公布，此后不能更改。<br><span class="en" lang="en">Published when the plan was frozen; it cannot change afterwards.</span></p>
<dl class="fields">
${field('冻结时间', 'Frozen at', beijingTime(c.at))}
${field('候选企业', 'Candidate enterprises', html`${c.enterpriseCount} 家 <span class="en" lang="en">${c.enterpriseCount} enterprises</span>`)}
${field('企业名单摘要 (SHA-256)', 'Enterprise list digest', c.enterpriseDigest, true)}
${field('检查人员', 'Candidate inspectors', html`${c.inspectorCount} 名 <span class="en" lang="en">${c.inspectorCount} inspectors</span>`)}
${field('检查人员名单摘要 (SHA-256)', 'Inspector list digest', c.inspectorDigest, true)}
${field('抽取数量', 'Sample size', html`${c.sampleSize} 家 <span class="en" lang="en">${c.sampleSize} enterprises</span>`)}
${field('秘密值承诺 H(secret)', 'Commitment H(secret)', c.commitment, true)}
${entropyFields}
</dl>
</section>`;
}

function whyCard(plan: PublicPlan): SafeHtml {
  return html`<section class="card" aria-labelledby="why-title">
<h2 id="why-title">为什么摇号无法被操纵 <span lang="en">Why nobody can steer the draw</span></h2>
<ol class="explain">
<li>冻结计划时，候选企业和检查人员两份名单已经固定，并公布了它们的摘要：事后增删任何一家企业或一名检查人员，摘要都会改变。<br><span class="en" lang="en">When the plan was frozen, both candidate lists were fixed and their digests published: adding or removing any enterprise or inspector afterwards changes a digest.</span></li>
<li>同时公布的还有一个秘密值的摘要 H(secret)。秘密值在摇号时才公开，任何人都可以核对它与承诺一致，所以主管部门事后无法换一个秘密值。<br><span class="en" lang="en">A digest of a secret value, H(secret), was published at the same time. The secret is revealed at the draw and anyone can check it matches, so the authority cannot swap it afterwards.</span></li>
<li>摇号还使用一个公共随机源（${plan.entropy.source}，${plan.entropy.date} 公布）。冻结时这个值还不存在，所以主管部门无法预先算出结果；公布随机源的机构不知道秘密值，也无法影响结果。<br><span class="en" lang="en">The draw also uses a public entropy value (${plan.entropy.source}, published on ${plan.entropy.date}). It did not exist when the plan was frozen, so the authority could not compute the outcome in advance; whoever publishes it does not know the secret, so cannot steer it either.</span></li>
<li>摇号算法是公开的确定性算法（docs/supervision-draw.md）：同样的名单、秘密值和随机源，任何人重新计算都得到同样的结果。<br><span class="en" lang="en">The algorithm is public and deterministic (docs/supervision-draw.md): from the same lists, secret and entropy, anyone who re-runs it gets the same result.</span></li>
</ol>
${plan.state === 'frozen' ? html`<p><strong>随机源公布后（${plan.entropy.date} 或以后）进行摇号。</strong><br><span class="en" lang="en">The draw takes place once the entropy value is published (on ${plan.entropy.date} or later).</span></p>` : ''}
</section>`;
}

/** A URL that may break after each `/` (escaped, then `<wbr>` inserted: never data as markup). */
const breakable = (url: string): SafeHtml =>
  html`${url.split('/').map((part, i, all) => html`${part}${i < all.length - 1 ? html`/${trusted('<wbr>')}` : ''}`)}`;

function drawCard(plan: PublicPlan, options: PlanPageOptions): SafeHtml {
  const d = plan.draw;
  if (!d) return html``;
  const planJson = `${options.baseUrl}${plan.links.self}`;
  return html`<section class="card" aria-labelledby="draw-title">
<h2 id="draw-title">摇号记录 <span lang="en">The draw</span></h2>
<dl class="fields">
${field('摇号时间', 'Drawn at', beijingTime(d.at))}
${field('随机源取值', 'Entropy value', plan.entropy.value ?? '', true)}
${field('公开的秘密值', 'Secret, revealed', html`<span class="digest">${d.secret}</span><span class="en" lang="en">Its SHA-256 equals the commitment H(secret) above.</span>`)}
${field('随机种子', 'Seed', d.seed, true)}
${field('抽中', 'Drawn', html`${d.drawn} 家 <span class="en" lang="en">${d.drawn} enterprises</span>`)}
${field('跳过（无法配齐检查人员）', 'Skipped (could not be staffed)', html`${d.skipped} 家 <span class="en" lang="en">${d.skipped} enterprises</span>`)}
${field('缺额（候选不足）', 'Shortfall (too few candidates)', html`${d.shortfall} 家 <span class="en" lang="en">${d.shortfall} enterprises</span>`)}
</dl>
${d.complete ? '' : html`<p class="warn-text">检查任务正在安排中，稍后刷新本页。<br><span class="en" lang="en">The checks are still being scheduled; reload this page shortly.</span></p>`}
<h3>自行核验 <span lang="en">Check it yourself</span></h3>
<p>用 Permit 的核验工具从公开数据重新计算本次摇号，结果一致则显示 match：<br><span class="en" lang="en">Re-run this draw from the public data with Permit’s verifier; it says match when the result is the same:</span></p>
<pre class="cmd"><code>npm run verify-draw -- ${breakable(planJson)}</code></pre>
<ul class="links">
<li><a href="${plan.links.record ?? `${plan.links.self}/record`}">摇号记录 (JSON) <span lang="en">Draw record (JSON)</span></a></li>
<li><a href="${plan.links.self}">计划 (JSON) <span lang="en">Plan (JSON)</span></a></li>
</ul>
</section>`;
}

const CHECK_STATES: Readonly<Record<string, { zh: string; en: string; icon: IconName }>> = {
  scheduled: { zh: '待检查', en: 'Scheduled', icon: 'clock' },
  overdue: { zh: '逾期未检查', en: 'Overdue, not yet checked', icon: 'warning' },
  pass: { zh: '合格', en: 'Passed', icon: 'check' },
  rectify: { zh: '责令整改', en: 'Rectification ordered', icon: 'pause' },
  fail: { zh: '不合格', en: 'Failed', icon: 'cross' },
};

const ACTIONS: Readonly<Record<string, { zh: string; en: string }>> = {
  suspend: { zh: '暂扣许可证', en: 'Licence suspended' },
  revoke: { zh: '吊销许可证', en: 'Licence revoked' },
};

function resultCell(check: PublicCheck): SafeHtml {
  const state = CHECK_STATES[check.state] ?? { zh: check.state, en: check.state, icon: 'question' as const };
  const r = check.result;
  const action = r?.action ? (ACTIONS[r.action] ?? { zh: r.action, en: r.action }) : undefined;
  return html`<span class="result result-${check.state}">${icon(state.icon, 'result-icon')}${state.zh}</span><span class="en" lang="en">${state.en}</span>
${action ? html`<p class="result-note"><strong>${action.zh}</strong> <span lang="en">${action.en}</span></p>` : ''}
${r?.checkedOn ? html`<p class="result-note">检查日期 <span lang="en">Checked on</span> ${day(r.checkedOn)}</p>` : ''}
${r?.findings ? html`<p class="result-note">发现的问题 <span lang="en">Findings</span>：${r.findings}</p>` : ''}
${r ? html`<p class="result-note">公布日期 <span lang="en">Published</span> ${beijingTime(r.publishedAt)}</p>` : ''}`;
}

function checksCard(plan: PublicPlan): SafeHtml {
  const checks = [...(plan.checks ?? [])].sort((a, b) => a.position - b.position);
  const rows = checks.map(
    (c) => html`<tr>
<td data-label="序号 No.">${c.position}</td>
<td data-label="企业名称 Enterprise">${c.enterpriseName}</td>
<td data-label="统一社会信用代码 USCC"><span class="digest">${c.uscc}</span></td>
<td data-label="许可证编号 Licence No."><span class="digest">${c.licenceNo}</span></td>
<td data-label="检查组（代码）Team (codes)"><ul class="team">${c.team.map((t, i) => html`<li><span class="digest">${t}</span>${c.teamNames?.[i] ? html` ${c.teamNames[i]}` : ''}</li>`)}</ul></td>
<td data-label="状态 / 结果 State / result">${resultCell(c)}</td>
</tr>`,
  );
  return html`<section class="card" aria-labelledby="checks-title">
<h2 id="checks-title">抽中的企业和检查结果 <span lang="en">Drawn enterprises and results</span></h2>
<p>按抽中顺序排列。检查人员以代码公开；结果在主管部门公布后显示。<br><span class="en" lang="en">In the order drawn. Inspectors are shown by code; a result shows once the authority has published it.</span></p>
${
  checks.length === 0
    ? html`<p>${plan.draw?.complete === false ? '检查任务正在安排中。' : '没有抽中的企业。'} <span class="en" lang="en">${plan.draw?.complete === false ? 'The checks are being scheduled.' : 'No enterprise was drawn.'}</span></p>`
    : html`<table class="table">
<caption>抽中的企业（${checks.length} 家） <span lang="en">Drawn enterprises (${checks.length})</span></caption>
<thead><tr><th scope="col">序号 <span lang="en">No.</span></th><th scope="col">企业名称 <span lang="en">Enterprise</span></th><th scope="col">统一社会信用代码 <span lang="en">USCC</span></th><th scope="col">许可证编号 <span lang="en">Licence No.</span></th><th scope="col">检查组 <span lang="en">Team</span></th><th scope="col">状态 / 结果 <span lang="en">State / result</span></th></tr></thead>
<tbody>${rows}</tbody>
</table>`
}
</section>`;
}

/**
 * The plan page (see the module's description).
 *
 * @example
 * renderPlanPage(view, { largeText: true, baseUrl }); // '<!doctype html>…'
 */
export function renderPlanPage(plan: PublicPlan, options: PlanPageOptions): string {
  const here = `${PLANS_PAGE_PATH}/${plan.id}`;
  const body = html`<p class="crumbs"><a href="${pageHref(PLANS_PAGE_PATH, options)}">← 全部抽查计划 <span lang="en">All spot-check plans</span></a></p>
<h1>${plan.name} <span lang="en">Random spot-check plan</span></h1>
${stateBadge(plan.state)}
${planCard(plan)}
${plan.state === 'drawn' ? html`${drawCard(plan, options)}${checksCard(plan)}${commitmentCard(plan)}${whyCard(plan)}` : html`${commitmentCard(plan)}${whyCard(plan)}`}
<p><a href="${plan.links.self}">本计划的 JSON <span lang="en">This plan as JSON</span></a></p>`;
  return document({ title: { zh: plan.name, en: 'Random spot-check plan' }, body, here }, options);
}
