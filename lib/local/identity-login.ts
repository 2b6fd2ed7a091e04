/**
 * The local identity provider's pages: the login page (the demo users and their passwords listed beside the form, in
 * Chinese with English switchable by `ui_locales`) and short message pages (signed out, a refused request). Plain
 * HTML with one stylesheet from the same origin, a strict CSP and no script; labels on every field, an `h1`, a main
 * landmark and errors announced with `role="alert"`.
 *
 * @example
 * loginPage({ lang: 'zh-CN', params: { client_id: 'permit-local-client', … }, redirectOrigin: 'http://127.0.0.1:3000' });
 */
import { escapeHtml } from '../../lambdas/presenters/web/escape';
import { DEMO_PASSWORDS, DEMO_USERS, type DemoUser } from './demo-users';
import type { GatewayResponse } from './http-result';
import { LOCAL_IDP_PATHS } from './identity';

export type LoginLang = 'zh-CN' | 'en';

const tr = (lang: LoginLang, zh: string, en: string): string => (lang === 'en' ? en : zh);

const ROLE_NAMES: Readonly<Record<DemoUser, { zh: string; en: string }>> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  enterprise2: { zh: '企业（另一家）', en: 'Enterprise (another)' },
  officer: { zh: '发证员', en: 'Officer' },
  reviewer: { zh: '审查员', en: 'Reviewer' },
  admin: { zh: '管理员', en: 'Administrator' },
};

/** The login page's stylesheet (served at `/local-idp/login.css`). Base text 18 px; contrast ≥ 7:1. */
export const LOGIN_STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:18px/1.6 system-ui,"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#f4f5f7}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.3;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem}
.sub{margin:0 0 1.5rem;color:#3d3d3d}
form{background:#fff;border:1px solid #b9bec7;border-radius:8px;padding:1.25rem}
label{display:block;font-weight:600;margin:0 0 .25rem}
input[type=text],input[type=password]{display:block;width:100%;font:inherit;padding:.6rem .7rem;border:2px solid #5b6270;border-radius:6px;margin:0 0 1rem;background:#fff;color:#1a1a1a}
button{font:inherit;font-weight:600;padding:.65rem 1.4rem;border:0;border-radius:6px;background:#0b4f8a;color:#fff;cursor:pointer;min-height:44px}
button:hover{background:#083c69}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.alert{border-left:6px solid #a4262c;background:#fdecea;padding:.75rem 1rem;margin:0 0 1rem}
.users{list-style:none;margin:0;padding:0;background:#fff;border:1px solid #b9bec7;border-radius:8px}
.users li{padding:.6rem 1rem;border-top:1px solid #c9ced6}
.users li:first-child{border-top:0}
.users p{margin:0}
.who{word-break:keep-all;overflow-wrap:anywhere}
.cred{display:flex;flex-wrap:wrap;column-gap:1.25rem;color:#3d3d3d}
.cred span{white-space:nowrap}
code{font-family:ui-monospace,monospace;font-size:1rem;color:#1a1a1a}
a{color:#0b4f8a}
`;

export interface LoginPageInput {
  readonly lang: LoginLang;
  /** The authorization request, carried through the form. */
  readonly params: Readonly<Record<string, string | undefined>>;
  /** The client's origin: the form's redirect goes there, so the CSP's form-action must allow it. */
  readonly redirectOrigin: string | undefined;
  readonly failed?: boolean;
  readonly username?: string;
}

/**
 * The login form (401 after a failed attempt), with the demo users listed.
 *
 * @example
 * loginPage({ lang: 'en', params, redirectOrigin, failed: true, username: 'enterprise' }).statusCode; // 401
 */
export function loginPage(input: LoginPageInput): GatewayResponse {
  const { lang } = input;
  const hidden = Object.entries(input.params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v as string)}">`)
    .join('');
  // A list, not a table: at 360 px a four-column table broke user names and passwords mid-word.
  const users = (Object.keys(DEMO_PASSWORDS) as DemoUser[])
    .map(
      (u) =>
        `<li><p class="who"><strong>${escapeHtml(tr(lang, ROLE_NAMES[u].zh, ROLE_NAMES[u].en))}</strong> · ` +
        `${escapeHtml(DEMO_USERS[u].name ?? '')}</p><p class="cred">` +
        `<span>${tr(lang, '用户名', 'User name')} <code>${u}</code></span> ` +
        `<span>${tr(lang, '密码', 'Password')} <code>${escapeHtml(DEMO_PASSWORDS[u])}</code></span></p></li>`,
    )
    .join('');
  const alert = input.failed
    ? `<p class="alert" role="alert" id="login-error">${tr(lang, '用户名或密码不正确。', 'The user name or password is not correct.')}</p>`
    : '';
  const described = input.failed ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  const body = `
<h1>${tr(lang, '登录 · 本地身份提供方', 'Sign in · local identity provider')}</h1>
<p class="sub">${tr(lang, '全国工业产品生产许可证 · Permit（本地演示环境）', 'Industrial product production licences · Permit (local demo)')}</p>
<form method="post" action="${LOCAL_IDP_PATHS.authorize}">
${alert}${hidden}
<label for="username">${tr(lang, '用户名', 'User name')}</label>
<input type="text" id="username" name="username" autocomplete="username" required value="${escapeHtml(input.username ?? '')}"${described}>
<label for="password">${tr(lang, '密码', 'Password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${described}>
<button type="submit">${tr(lang, '登录', 'Sign in')}</button>
</form>
<h2 id="demo-users">${tr(lang, '演示用户', 'Demo users')}</h2>
<ul class="users" aria-labelledby="demo-users">${users}</ul>`;
  return page(input.failed ? 401 : 200, lang, tr(lang, '登录', 'Sign in'), body, input.redirectOrigin);
}

const MESSAGES = {
  signed_out: { zh: '您已退出登录。', en: 'You have signed out.' },
  unknown_client: { zh: '未登记的客户端（client_id）。', en: 'This client (client_id) is not registered.' },
  bad_redirect_uri: {
    zh: 'redirect_uri 未为该客户端登记，因此不会跳转。',
    en: 'The redirect_uri is not registered for this client, so nothing is redirected.',
  },
  pkce_required: {
    zh: '需要 PKCE：code_challenge_method 必须为 S256，并提供 code_challenge。',
    en: 'PKCE is required: code_challenge_method must be S256, with a code_challenge.',
  },
  bad_request: { zh: '登录请求不完整或无效。', en: 'The sign-in request is incomplete or not valid.' },
} as const;

/**
 * A one-message page (signed out, or a request refused before any redirect).
 *
 * @example
 * messagePage(400, 'zh-CN', 'bad_redirect_uri');
 */
export function messagePage(statusCode: number, lang: LoginLang, message: keyof typeof MESSAGES): GatewayResponse {
  const m = MESSAGES[message];
  const title = statusCode < 400 ? tr(lang, '已退出', 'Signed out') : tr(lang, '无法登录', 'Cannot sign in');
  const role = statusCode < 400 ? 'status' : 'alert';
  return page(statusCode, lang, title, `<h1>${title}</h1><p role="${role}">${tr(lang, m.zh, m.en)}</p>`, undefined);
}

function page(
  statusCode: number,
  lang: LoginLang,
  title: string,
  body: string,
  redirectOrigin: string | undefined,
): GatewayResponse {
  const formAction = ["'self'", ...(redirectOrigin ? [redirectOrigin] : [])].join(' ');
  const markup = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Permit</title><link rel="stylesheet" href="${LOCAL_IDP_PATHS.stylesheet}"></head>
<body><main>${body}</main></body></html>`;
  return {
    statusCode,
    headers: [
      ['content-type', 'text/html; charset=utf-8'],
      ['cache-control', 'no-store'],
      ['x-content-type-options', 'nosniff'],
      ['referrer-policy', 'no-referrer'],
      [
        'content-security-policy',
        `default-src 'none'; style-src 'self'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      ],
    ],
    body: Buffer.from(markup),
  };
}
