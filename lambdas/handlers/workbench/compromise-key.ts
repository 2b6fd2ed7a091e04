/**
 * POST /console/workbench/admin/keys/{kid}/compromise — mark the key compromised from the typed time through the
 * `markKeyCompromised` use case (audited), then back to the keys page (post/redirect/get). The time is typed in
 * Beijing time (`datetime-local`); a refusal (a time in the future, a current key the ring cannot rotate) draws the
 * "are you sure" page again beside the field.
 */
import { signingKeyDeps } from '../../composition/signing-keys';
import { consoleWorkbenchCompromiseKeyRoute } from '../../contracts/console-workbench';
import { PermitError } from '../../domain/errors';
import { actorOf } from '../../domain/viewer';
import { consoleRoute } from '../../shared/console-route';
import { markKeyCompromised } from '../../use-cases/signing-keys';
import { orNotFound } from '../console/page-support';
import { compromiseConfirmPage } from './compromise-key-page';

/**
 * The typed time: `YYYY-MM-DDTHH:mm[:ss]` read as Beijing time (what `datetime-local` sends), else an ISO instant
 * with its offset; anything else is an invalid date, which the use case refuses (`COMPROMISE_TIME_INVALID`).
 *
 * @example
 * compromiseTimeOf('2026-10-01T00:00'); // 2026-09-30T16:00:00.000Z
 */
export function compromiseTimeOf(text: string | undefined): Date {
  const value = (text ?? '').trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) {
    return new Date(`${value.length === 16 ? `${value}:00` : value}+08:00`);
  }
  return /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(Number.NaN);
}

const deps = signingKeyDeps();

export const handler = consoleRoute(consoleWorkbenchCompromiseKeyRoute, async ({ params, form, viewer, ctx }) => {
  try {
    await markKeyCompromised(deps, { kid: params.kid, at: compromiseTimeOf(form.at), actor: actorOf(viewer) });
    return { kind: 'redirect', to: `/console/workbench/admin/keys?compromised=${encodeURIComponent(params.kid)}` };
  } catch (error) {
    // A key that does not exist answers as the 404 page; a refusal is drawn beside the field.
    if (!(error instanceof PermitError) || error.kind === 'forbidden') throw error;
    if (error.kind === 'not-found') return orNotFound(ctx, () => Promise.reject(error));
    return compromiseConfirmPage(deps, ctx, params.kid, form.at, error);
  }
});
