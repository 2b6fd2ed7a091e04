/**
 * The body of a console error page: the catalogued code's Chinese meaning first and the English beside it, the code
 * itself (for a help desk), and where to go next. Never internals: for a 5xx only the generic meaning and the
 * correlation id.
 *
 * @example
 * errorBody(ctx, { code: 'CSRF_TOKEN_INVALID', status: 403, message: 'the form …' });
 */
import type { ErrorCode } from '../../domain/error-catalogue';
import { ERROR_MEANINGS } from '../../domain/error-catalogue';
import { escapeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';

export interface ErrorView {
  readonly code: ErrorCode;
  readonly status: number;
  /** The error's own message (4xx only; English). */
  readonly message?: string;
  /** Field issues (a form's schema failure). */
  readonly issues?: readonly { readonly field: string; readonly message: string }[];
  readonly correlationId?: string;
}

/** The page title for a status. */
export function errorTitle(status: number): { zh: string; en: string } {
  if (status === 401) return { zh: '请重新登录', en: 'Please sign in again' };
  if (status === 403) return { zh: '无法执行此操作', en: 'This is not allowed' };
  if (status === 404) return { zh: '未找到', en: 'Not found' };
  if (status === 422 || status === 400) return { zh: '请检查填写的内容', en: 'Please check what you entered' };
  if (status >= 500) return { zh: '服务暂时不可用', en: 'The service is unavailable' };
  return { zh: '出错了', en: 'Something went wrong' };
}

export function errorBody(ctx: ConsoleContext, view: ErrorView): string {
  const meaning = ERROR_MEANINGS[view.code];
  const english = view.status < 500 && view.message ? view.message : meaning.en;
  const primary = ctx.lang === 'en' ? english : meaning.zh;
  const secondary = ctx.lang === 'en' ? meaning.zh : english;
  const secondaryLang = ctx.lang === 'en' ? 'zh-CN' : 'en';
  const issues =
    view.issues && view.issues.length > 0
      ? `<ul>${view.issues.map((i) => `<li><strong>${escapeHtml(i.field)}</strong>: ${escapeHtml(i.message)}</li>`).join('')}</ul>`
      : '';
  const next =
    view.status === 401
      ? `<a class="button button--primary" href="/console/sign-in">${t(ctx, '登录', 'Sign in')}</a>`
      : `<a class="button" href="/console">${t(ctx, '返回首页', 'Back to the start')}</a>`;
  return `<div class="stack">
<div class="notice notice--error" role="alert"><p>${escapeHtml(primary)}</p><p lang="${secondaryLang}" class="muted">${escapeHtml(secondary)}</p>${issues}</div>
<p class="muted">${t(ctx, '错误代码', 'Error code')}: <code>${view.code}</code>${view.correlationId ? ` · ${t(ctx, '关联 ID', 'Correlation id')}: <code>${escapeHtml(view.correlationId)}</code>` : ''}</p>
<p class="actions">${next}</p>
</div>`;
}
