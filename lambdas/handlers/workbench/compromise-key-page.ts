/**
 * GET /console/workbench/admin/keys/{kid}/compromise — the "are you sure" step before marking a key compromised: it
 * names the key, its period, and what marking it means (what it signed from the chosen time on fails verification),
 * with the time field (Beijing time, now by default). Also drawn again by the POST with its refusal.
 */
import { signingKeyDeps } from '../../composition/signing-keys';
import { consoleWorkbenchCompromiseKeyPageRoute } from '../../contracts/console-workbench';
import type { PermitError } from '../../domain/errors';
import type { ConsoleContext } from '../../presenters/console/context';
import { beijingLocal, compromiseBody } from '../../presenters/console/workbench-admin';
import { type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { type SigningKeyDeps, signingKey } from '../../use-cases/signing-keys';
import { orNotFound } from '../console/page-support';

/**
 * The page, with the typed time and its refusal when drawn again (422; 409 for a conflict).
 *
 * @example
 * await compromiseConfirmPage(deps, ctx, kid, undefined);
 */
export async function compromiseConfirmPage(
  deps: SigningKeyDeps,
  ctx: ConsoleContext,
  kid: string,
  at: string | undefined,
  refusal?: PermitError,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const key = await signingKey(deps, kid);
    const { newKeysFrom, ...row } = key;
    const field = refusal?.code === 'COMPROMISE_TIME_INVALID' ? 'at' : '';
    return {
      kind: 'page',
      ...(refusal ? { status: refusal.kind === 'conflict' ? 409 : 422 } : {}),
      returnPath: `/console/workbench/admin/keys/${encodeURIComponent(kid)}/compromise`,
      title: { zh: '标记签名密钥为已泄露', en: 'Mark a signing key compromised' },
      body: compromiseBody(
        {
          key: row,
          newKeysFrom,
          at: at ?? beijingLocal(deps.clock.now()),
          errors: refusal ? { [field]: [refusal.code] } : {},
        },
        ctx,
      ).toString(),
    };
  });
}

const deps = signingKeyDeps();

export const handler = consoleRoute(consoleWorkbenchCompromiseKeyPageRoute, ({ params, ctx }) =>
  compromiseConfirmPage(deps, ctx, params.kid, undefined),
);
