/**
 * The workbench's sections (审批工作台): one list that both the navigation and the start page are drawn from, each
 * section with the roles that may open it (the API's roles: every member of staff reads; the admin section is the
 * admin's).
 *
 * @example
 * workbenchSections(['reviewer']).map((s) => s.href); // ['/console/workbench/applications', …] (no admin section)
 */
import type { Role } from '../../contracts/route';
import { escapeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';

export interface WorkbenchSection {
  readonly href: string;
  readonly zh: string;
  readonly en: string;
  /** One line under the link on the start page. */
  readonly about: { readonly zh: string; readonly en: string };
  /** Who may open it (any one of these roles). */
  readonly roles: readonly Role[];
}

const ALL_STAFF: readonly Role[] = ['reviewer', 'officer', 'admin'];

export const WORKBENCH_SECTIONS: readonly WorkbenchSection[] = [
  {
    href: '/console/workbench/applications',
    zh: '待办申请',
    en: 'Worklist',
    about: {
      zh: '按状态和程序查看申请、剩余工作日，审查与决定。',
      en: 'Applications by state and procedure, working days left; review and decide.',
    },
    roles: ALL_STAFF,
  },
  {
    href: '/console/workbench/certificates',
    zh: '许可证',
    en: 'Certificates',
    about: {
      zh: '按证书编号、统一社会信用代码或企业名称查找；版本、历史、审计与状态变更。',
      en: 'Find by licence number, USCC or enterprise name; versions, history, audit and status changes.',
    },
    roles: ALL_STAFF,
  },
  {
    href: '/console/workbench/inspections',
    zh: '核查',
    en: 'Inspections',
    about: { zh: '到期和逾期的发证后核查，录入结果。', en: 'Post-issuance reviews due and overdue; enter results.' },
    roles: ALL_STAFF,
  },
  {
    href: '/console/workbench/plans',
    zh: '双随机抽查',
    en: 'Spot checks',
    about: {
      zh: '督查：抽查计划的创建、冻结与抽取，抽中的检查及其结果公示。',
      en: 'Supervision: spot-check plans — create, freeze, draw — their checks and the publication of results.',
    },
    roles: ALL_STAFF,
  },
  {
    href: '/console/workbench/inspectors',
    zh: '执法检查人员',
    en: 'Inspectors',
    about: {
      zh: '执法检查人员名录库：资格类别、休假和回避（由系统管理员维护）。',
      en: 'The inspectors’ registry: qualified categories, leave and recusals (kept by an administrator).',
    },
    roles: ['officer', 'admin'],
  },
  {
    href: '/console/workbench/dispatches',
    zh: '寄递',
    en: 'Dispatches',
    about: { zh: '纸质证书的寄递，按状态和月份。', en: 'Paper certificate dispatches by state and month.' },
    roles: ALL_STAFF,
  },
  {
    href: '/console/workbench/statistics',
    zh: '统计',
    en: 'Statistics',
    about: {
      zh: '申请量、时限内发证比例、办理用时、逾期核查和寄递状态。',
      en: 'Applications, share issued within the limit, working days to issue, overdue reviews, dispatches.',
    },
    roles: ALL_STAFF,
  },
  {
    href: '/console/workbench/admin',
    zh: '系统管理',
    en: 'Administration',
    about: {
      zh: '工作日日历和签名密钥。',
      en: 'The working-day calendar and the signing keys.',
    },
    roles: ['admin'],
  },
];

/**
 * The sections a person with these roles may open, in the navigation's order.
 *
 * @example
 * workbenchSections(['admin']).length; // 8
 */
export const workbenchSections = (roles: readonly Role[]): readonly WorkbenchSection[] =>
  WORKBENCH_SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));

/**
 * The start page's body: a card per section this person may open.
 *
 * @example
 * workbenchHomeBody(ctx, ['officer']);
 */
export function workbenchHomeBody(ctx: ConsoleContext, roles: readonly Role[]): string {
  const cards = workbenchSections(roles)
    .map(
      (s) =>
        `<li class="card stack stack--tight"><h2 class="card__title"><a href="${s.href}">${escapeHtml(t(ctx, s.zh, s.en))}</a></h2>` +
        `<p class="muted">${escapeHtml(t(ctx, s.about.zh, s.about.en))}</p></li>`,
    )
    .join('');
  return `<ul class="cards">${cards}</ul>`;
}
