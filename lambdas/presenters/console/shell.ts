/**
 * The console's page shell: every console page is drawn in it. `<!doctype html>` with the reader's language on
 * `<html>`, a skip link, a header (the service's name, the signed-in user's name, the sign-out form carrying the
 * CSRF token), the navigation for the user's role, the language and large-text switches (plain links: they work
 * without script and set a cookie), the main landmark with the page title as its only `h1`, and a footer. The
 * stylesheet and script are files from our own origin (the CSP forbids anything inline).
 *
 * @example
 * renderShell({ ctx, title: { zh: '我的许可证', en: 'My licences' }, body, user: { name: '武汉示例', roles: ['enterprise'] } });
 */
import type { Role } from '../../contracts/route';
import { escapeHtml } from '../web/escape';
import { CONSOLE_ASSETS } from './assets';
import { type ConsoleContext, t } from './context';
import { workbenchSections } from './workbench';

export const SERVICE_NAME = {
  zh: '全国工业产品生产许可证 · Permit',
  en: 'Industrial Product Production Licences · Permit',
};

export interface ShellInput {
  readonly ctx: ConsoleContext;
  readonly title: { readonly zh: string; readonly en: string };
  /** Page body markup (already escaped by the page's presenter). */
  readonly body: string;
  /** The signed-in user; absent on pages shown without a session (signed out, a sign-in error). */
  readonly user?: { readonly name: string; readonly roles: readonly Role[] };
  /** Further scripts of this page only (asset names, e.g. `upload.js`), after the console's own. */
  readonly scripts?: readonly PageScript[];
}

/** A page's own script: an asset served from our origin with its content hash. */
export type PageScript = 'upload.js';

interface NavLink {
  readonly href: string;
  readonly zh: string;
  readonly en: string;
}

/** The enterprise's navigation (staff see the workbench's sections their roles may open). */
const ENTERPRISE_NAV: readonly NavLink[] = [
  { href: '/console/licences', zh: '我的许可证', en: 'My licences' },
  { href: '/console/applications/new', zh: '申请', en: 'Apply' },
  { href: '/console/applications', zh: '我的申请', en: 'My applications' },
];

/**
 * The path with one query parameter set (the switches link to the page being shown).
 *
 * @example
 * withParam('/console/licences?cursor=x', 'lang', 'en'); // '/console/licences?cursor=x&lang=en'
 */
export function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}

function navigation(ctx: ConsoleContext, roles: readonly Role[]): string {
  const links: readonly NavLink[] = roles.includes('enterprise')
    ? ENTERPRISE_NAV
    : [{ href: '/console/workbench', zh: '工作台', en: 'Workbench' }, ...workbenchSections(roles)];
  if (links.length === 0) return '';
  const current = ctx.path.split('?')[0];
  // The most specific link that the current path is under is the current page.
  const active = [...links]
    .sort((a, b) => b.href.length - a.href.length)
    .find((l) => current === l.href || current?.startsWith(`${l.href}/`));
  const items = links
    .map(
      (l) =>
        `<li><a href="${l.href}"${l === active ? ' aria-current="page"' : ''}>${escapeHtml(t(ctx, l.zh, l.en))}</a></li>`,
    )
    .join('');
  return `<ul>${items}</ul>`;
}

function switches(ctx: ConsoleContext): string {
  const other = ctx.lang === 'en' ? { lang: 'zh-CN', label: '中文' } : { lang: 'en', label: 'English' };
  const language = `<a href="${escapeHtml(withParam(ctx.path, 'lang', other.lang))}" lang="${other.lang}" hreflang="${other.lang}">${other.label}</a>`;
  const text = ctx.largeText
    ? `<a href="${escapeHtml(withParam(ctx.path, 'text', 'normal'))}">${t(ctx, '标准字号', 'Standard text')}</a>`
    : `<a href="${escapeHtml(withParam(ctx.path, 'text', 'large'))}">${t(ctx, '大字模式', 'Large text')}</a>`;
  return `<div class="prefs">${language}${text}</div>`;
}

/**
 * The whole page.
 *
 * @example
 * const markup = renderShell({ ctx, title, body });
 */
export function renderShell(input: ShellInput): string {
  const { ctx, user } = input;
  const title = t(ctx, input.title.zh, input.title.en);
  const service = t(ctx, SERVICE_NAME.zh, SERVICE_NAME.en);
  const signOut = user
    ? `<div class="site-user"><span><span class="visually-hidden">${t(ctx, '当前用户：', 'Signed in as: ')}</span>${escapeHtml(user.name)}</span>` +
      `<form method="post" action="/console/sign-out"><input type="hidden" name="_csrf" value="${escapeHtml(ctx.csrfToken)}">` +
      `<button type="submit" class="button button--link">${t(ctx, '退出登录', 'Sign out')}</button></form></div>`
    : '';
  const nav = user ? navigation(ctx, user.roles) : '';
  return `<!doctype html>
<html lang="${ctx.lang}"${ctx.largeText ? ' class="large"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(service)}</title>
<link rel="stylesheet" href="${CONSOLE_ASSETS['console.css']?.href}">
<script src="${CONSOLE_ASSETS['console.js']?.href}" defer></script>
${(input.scripts ?? []).map((name) => `<script src="${CONSOLE_ASSETS[name]?.href}" defer></script>\n`).join('')}</head>
<body>
<a class="skip-link" href="#main">${t(ctx, '跳到主要内容', 'Skip to main content')}</a>
<header class="site-header"><div class="site-header__inner">
<p class="site-name"><a href="/console">${escapeHtml(service).replace(' · ', '\u00a0· ')}</a></p>
${signOut}
</div></header>
<nav class="site-nav" aria-label="${t(ctx, '主导航', 'Main')}"><div class="site-nav__inner">${nav}${switches(ctx)}</div></nav>
<main id="main" class="site-main" tabindex="-1">
<h1>${escapeHtml(title)}</h1>
${input.body}
</main>
<footer class="site-footer"><div class="site-footer__inner">
<p>${t(ctx, '湖北省市场监督管理局 · 全国工业产品生产许可证', 'Hubei Provincial Administration for Market Regulation · production licences')}</p>
</div></footer>
</body>
</html>`;
}
