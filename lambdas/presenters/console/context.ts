/**
 * What every console page is drawn for: the reader's language, the session's CSRF token (in every form that changes
 * something), whether large text is on, and the path being shown (for the language and text-size switches).
 *
 * @example
 * const ctx: ConsoleContext = { lang: 'zh-CN', csrfToken: 'k3…', largeText: false, path: '/console/licences' };
 * t(ctx, '我的许可证', 'My licences'); // '我的许可证'
 */
export type Lang = 'zh-CN' | 'en';

export interface ConsoleContext {
  readonly lang: Lang;
  /** Put in every state-changing form as the hidden field `_csrf`. */
  readonly csrfToken: string;
  readonly largeText: boolean;
  /** The path (and query) of the page being drawn. */
  readonly path: string;
}

/**
 * The text in the reader's language: Chinese first, English when switched.
 *
 * @example
 * t({ lang: 'en', … }, '提交', 'Submit'); // 'Submit'
 */
export const t = (ctx: Pick<ConsoleContext, 'lang'>, zh: string, en: string): string => (ctx.lang === 'en' ? en : zh);
