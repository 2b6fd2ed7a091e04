/**
 * The page for a licence or application the viewer may not see: the same words for one that does not exist and for
 * another enterprise's (the use cases answer both with the same code), so a typed-in URL reveals nothing.
 *
 * @example
 * notFoundBody(ctx, 'APPLICATION_NOT_FOUND');
 */
import { html, type SafeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';
import { errorText } from './words';

export function notFoundBody(ctx: ConsoleContext, code: string): SafeHtml {
  return html`<div class="stack">
  <p class="notice--error">${errorText(ctx, code)}</p>
  <p><a href="/console/licences">${t(ctx, '我的许可证', 'My licences')}</a> · <a href="/console/applications">${t(ctx, '我的申请', 'My applications')}</a></p>
</div>`;
}
