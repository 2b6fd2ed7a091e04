/**
 * GET /console/sign-in — start signing in: a fresh state, nonce and PKCE verifier are sealed into a short-lived
 * HttpOnly cookie (10 min), and the browser goes to the identity provider's authorization endpoint. Already signed in:
 * straight to the page asked for.
 */
import { createHash } from 'node:crypto';
import { consoleSignInRoute } from '../../contracts/console';
import { COOKIES, setCookie } from '../../shared/console/cookies';
import { CONSOLE_PATHS } from '../../shared/console/deps';
import { randomToken } from '../../shared/console/session';
import { publicConsoleRoute, safeNext, sessionOf } from '../../shared/console-route';

/** How long a sign-in attempt may take at the identity provider. */
export const SIGN_IN_ATTEMPT_SECONDS = 10 * 60;

export const handler = publicConsoleRoute(consoleSignInRoute, async ({ query, cookies, deps, ctx }) => {
  const next = safeNext(query.next);
  if (await sessionOf(deps, cookies)) return { kind: 'redirect', to: next };
  const attempt = {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    next,
    startedAt: deps.clock.now().getTime(),
  };
  const to = await deps.oidc.authorizationUrl({
    state: attempt.state,
    nonce: attempt.nonce,
    codeChallenge: createHash('sha256').update(attempt.verifier).digest('base64url'),
    redirectUri: `${deps.publicBaseUrl}${CONSOLE_PATHS.callback}`,
    uiLocales: ctx.lang,
  });
  const sealed = await deps.sealer.seal('sign-in', attempt, deps.clock.now());
  return {
    kind: 'redirect',
    to,
    cookies: [
      setCookie(COOKIES.signIn, sealed, { maxAgeSeconds: SIGN_IN_ATTEMPT_SECONDS, secure: deps.secureCookies }),
    ],
  };
});
