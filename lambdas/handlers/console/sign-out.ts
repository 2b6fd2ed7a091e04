/** POST /console/sign-out — end the session (the form carries the CSRF token) and go to the provider's logout. */

import { consoleDeps } from '../../composition/console';
import { consoleSignOutRoute } from '../../contracts/console';
import { CONSOLE_PATHS } from '../../shared/console/deps';
import { consoleRoute, endSessionCookie } from '../../shared/console-route';

export const handler = consoleRoute(consoleSignOutRoute, async ({ ctx }) => {
  const deps = consoleDeps();
  const to = await deps.oidc.logoutUrl({
    postLogoutRedirectUri: `${deps.publicBaseUrl}${CONSOLE_PATHS.signedOut}`,
    uiLocales: ctx.lang,
  });
  return {
    kind: 'raw',
    result: {
      statusCode: 303,
      headers: { location: to, 'cache-control': 'no-store' },
      cookies: [endSessionCookie(deps)],
    },
  };
});
