/**
 * POST /console/sign-out — end the session (the form carries the CSRF token, checked by the pipeline) and go to the
 * identity provider's logout, which returns the browser to `/console/signed-out`.
 *
 * The page uses the same deps as its pipeline (`signOutHandler({ deps })` in tests; the process's otherwise).
 *
 * @example
 * const handler = signOutHandler({ deps: () => testDeps });
 */
import { consoleDeps } from '../../composition/console';
import { consoleSignOutRoute } from '../../contracts/console';
import { CONSOLE_PATHS } from '../../shared/console/deps';
import { type ConsoleRouteOptions, consoleRoute, endSessionCookie } from '../../shared/console-route';

export function signOutHandler(options: ConsoleRouteOptions = {}) {
  const depsOf = options.deps ?? consoleDeps;
  return consoleRoute(
    consoleSignOutRoute,
    async ({ ctx }) => {
      const deps = depsOf();
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
    },
    { deps: depsOf },
  );
}

export const handler = signOutHandler();
