/**
 * GET /console/callback — the identity provider sends the browser back with a code: the sign-in attempt's cookie must
 * match (`state`, and no older than 10 min on the clock), the code is exchanged server-side with the PKCE verifier, the
 * ID token verified (issuer's JWKS, audience, nonce), and the session starts — roles and USCC from the token only.
 */
import { consoleCallbackRoute } from '../../contracts/console';
import { UnauthenticatedError } from '../../domain/errors';
import { COOKIES, setCookie } from '../../shared/console/cookies';
import { CONSOLE_PATHS } from '../../shared/console/deps';
import { type ConsoleSession, randomToken } from '../../shared/console/session';
import { publicConsoleRoute, safeNext, sessionSetCookie } from '../../shared/console-route';
import { identityFromClaims, viewerOf } from '../../shared/identity';
import { SIGN_IN_ATTEMPT_SECONDS } from './sign-in';

interface Attempt {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly next: string;
  readonly startedAt: number;
}

const failed = (why: string) => new UnauthenticatedError('SIGN_IN_FAILED', why);

export const handler = publicConsoleRoute(consoleCallbackRoute, async ({ query, cookies, deps }) => {
  const now = deps.clock.now();
  const sealed = cookies.get(COOKIES.signIn);
  const attempt = sealed ? ((await deps.sealer.open('sign-in', sealed, now)) as Attempt | undefined) : undefined;
  if (!attempt || typeof attempt.state !== 'string' || typeof attempt.startedAt !== 'number') {
    throw failed('no sign-in attempt is under way in this browser');
  }
  if (now.getTime() - attempt.startedAt > SIGN_IN_ATTEMPT_SECONDS * 1000) throw failed('the sign-in attempt expired');
  if (query.error) throw failed(`the identity provider answered ${query.error}`);
  if (!query.code || query.state !== attempt.state) throw failed('the answer is not this sign-in attempt’s');
  const claims = await deps.oidc.signIn({
    code: query.code,
    codeVerifier: attempt.verifier,
    redirectUri: `${deps.publicBaseUrl}${CONSOLE_PATHS.callback}`,
    nonce: attempt.nonce,
  });
  const identity = identityFromClaims(claims as Parameters<typeof identityFromClaims>[0]);
  if (!identity || identity.roles.length === 0) throw failed('the identity carries no Permit role');
  viewerOf(identity); // an enterprise without a USCC is refused here, not on every page
  const session: ConsoleSession = {
    sub: identity.subject,
    name: identity.name ?? identity.subject,
    roles: identity.roles,
    ...(identity.uscc ? { uscc: identity.uscc } : {}),
    issuedAt: now.getTime(),
    lastSeenAt: now.getTime(),
    csrf: randomToken(),
  };
  return {
    kind: 'redirect',
    to: safeNext(attempt.next),
    cookies: [
      await sessionSetCookie(deps, session),
      setCookie(COOKIES.signIn, '', { maxAgeSeconds: 0, secure: deps.secureCookies }),
    ],
  };
});
