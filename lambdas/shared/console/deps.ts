/**
 * What the console's route pipeline needs, built by `lambdas/composition/console.ts` (tests pass their own).
 *
 * @example
 * const deps: ConsoleDeps = { sealer, clock, oidc, publicBaseUrl: 'http://127.0.0.1:3000', secureCookies: false, origins: {} };
 */
import type { Clock } from '../../ports/clock';
import type { OidcClient } from '../../ports/oidc-client';
import type { CursorGuard } from '../cursors/guard';
import type { ConsoleOrigins } from './response';
import type { SessionSealer } from './session';

export interface ConsoleDeps {
  readonly sealer: SessionSealer;
  /** The process's clock: sessions time out on it. */
  readonly clock: Clock;
  readonly oidc: OidcClient;
  /** `PUBLIC_BASE_URL`: the callback and post-logout URIs are under it. */
  readonly publicBaseUrl: string;
  /** Mark cookies `Secure` (everywhere but plain http on loopback). */
  readonly secureCookies: boolean;
  readonly origins: ConsoleOrigins;
  /** Seals and opens list pages' cursors as the API's lists do (required by a page whose contract pages a list). */
  readonly cursors?: CursorGuard;
}

/** The console's fixed paths. */
export const CONSOLE_PATHS = {
  home: '/console',
  signIn: '/console/sign-in',
  callback: '/console/callback',
  signOut: '/console/sign-out',
  signedOut: '/console/signed-out',
  licences: '/console/licences',
} as const;
