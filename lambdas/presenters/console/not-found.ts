/**
 * The page for a licence or application the viewer may not see: the same words for one that does not exist and for
 * another enterprise's (the use cases answer both with the same code), so a typed-in URL reveals nothing. The links
 * lead back to where the reader works: the workbench's start on a workbench page (staff only reach those), else the
 * enterprise's lists.
 *
 * @example
 * notFoundBody(ctx, 'APPLICATION_NOT_FOUND');
 */
import { WORKBENCH_PREFIX } from '../../contracts/console-workbench';
import { html, type SafeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';
import { errorText } from './words';

export function notFoundBody(ctx: ConsoleContext, code: string): SafeHtml {
  const onWorkbench = ctx.path === WORKBENCH_PREFIX || ctx.path.startsWith(`${WORKBENCH_PREFIX}/`);
  const links = onWorkbench
    ? html`<p><a href="${WORKBENCH_PREFIX}">${t(ctx, '返回审批工作台', 'Back to the workbench')}</a></p>`
    : html`<p><a href="/console/licences">${t(ctx, '我的许可证', 'My licences')}</a> · <a href="/console/applications">${t(ctx, '我的申请', 'My applications')}</a></p>`;
  return html`<div class="stack">
  <p class="notice--error">${errorText(ctx, code)}</p>
  ${links}
</div>`;
}
