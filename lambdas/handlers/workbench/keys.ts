/** GET /console/workbench/admin/keys — 签名密钥: the key ring's keys with their periods, and the latest marks. */
import { signingKeyDeps } from '../../composition/signing-keys';
import { consoleWorkbenchKeysRoute } from '../../contracts/console-workbench';
import { keysBody } from '../../presenters/console/workbench-admin';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { listSigningKeys, type SigningKeyDeps } from '../../use-cases/signing-keys';

/**
 * @example
 * await keysPage(signingKeyDeps(), request);
 */
export async function keysPage(
  deps: SigningKeyDeps,
  { ctx, query }: ConsoleRequest<typeof consoleWorkbenchKeysRoute>,
): Promise<ConsoleResult> {
  const { keys, newKeysFrom, recent } = await listSigningKeys(deps);
  return {
    kind: 'page',
    title: { zh: '签名密钥', en: 'Signing keys' },
    body: keysBody(
      { keys, newKeysFrom, recent, ...(query.compromised ? { compromised: query.compromised } : {}) },
      ctx,
    ).toString(),
  };
}

const deps = signingKeyDeps();

export const handler = consoleRoute(consoleWorkbenchKeysRoute, (r) => keysPage(deps, r));
