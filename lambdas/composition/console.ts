/**
 * Wiring of the web console: the session sealer (its key set from the SSM parameter in the cloud, the file under the
 * data directory locally), the OpenID Connect client, the process's clock and the console's origins. Read once, at
 * the console function's cold start.
 *
 * @example
 * export const handler = consoleRoute(contract, fn); // uses consoleDeps() unless a test passes its own
 */
import { FileCursorKeySource, SsmCursorKeySource } from '../adapters/cursors/key-sources';
import { HttpOidcClient } from '../adapters/oidc/oidc-client';
import { ssmClient } from '../shared/clients';
import { config, readConsoleConfig } from '../shared/config';
import { secureCookies } from '../shared/console/cookies';
import type { ConsoleDeps } from '../shared/console/deps';
import { SessionSealer } from '../shared/console/session';
import { clock } from './clock';
import { cursorGuard } from './cursors';
import { once } from './once';

export const consoleDeps = once((): ConsoleDeps => {
  const settings = readConsoleConfig(process.env);
  const keys =
    settings.sessionKeys.kind === 'ssm'
      ? new SsmCursorKeySource(ssmClient(), settings.sessionKeys.parameter)
      : new FileCursorKeySource(settings.sessionKeys.path);
  const publicBaseUrl = config().publicBaseUrl;
  const identityUrl = settings.logoutUrl ?? settings.discoveryUrl ?? settings.issuer;
  return {
    sealer: new SessionSealer(keys),
    clock,
    oidc: new HttpOidcClient({
      issuer: settings.issuer,
      clientId: settings.clientId,
      ...(settings.discoveryUrl ? { discoveryUrl: settings.discoveryUrl } : {}),
      ...(settings.logoutUrl ? { logoutUrl: settings.logoutUrl } : {}),
    }),
    publicBaseUrl,
    secureCookies: secureCookies(publicBaseUrl),
    origins: {
      ...(settings.storageOrigin ? { storageOrigin: settings.storageOrigin } : {}),
      identityOrigin: new URL(identityUrl).origin,
    },
    cursors: cursorGuard(),
  };
});
