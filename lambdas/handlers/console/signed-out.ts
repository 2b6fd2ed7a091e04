/** GET /console/signed-out — where the identity provider sends the browser after logout. */
import { consoleSignedOutPage } from '../../contracts/console';
import { t } from '../../presenters/console/context';
import { publicConsoleRoute } from '../../shared/console-route';

export const handler = publicConsoleRoute(consoleSignedOutPage, async ({ ctx }) => ({
  kind: 'page',
  title: { zh: '您已退出登录', en: 'You have signed out' },
  body: `<div class="stack"><p class="notice notice--success" role="status">${t(ctx, '会话已结束。在共用电脑上，请关闭浏览器。', 'Your session has ended. On a shared computer, close the browser.')}</p><p class="actions"><a class="button button--primary" href="/console/sign-in">${t(ctx, '重新登录', 'Sign in again')}</a></p></div>`,
}));
