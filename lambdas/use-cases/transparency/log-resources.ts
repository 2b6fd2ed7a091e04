/**
 * The public log's resources as the `transparency-log` function serves them, and its verifier key as the verify
 * function publishes it beside the JWKS. Only paths the C2SP layout produces are read; anything else, or a resource
 * the tree does not have yet, is `LOG_RESOURCE_NOT_FOUND` (404), never an error of the store.
 *
 * @example
 * const { kind, bytes } = await readLogResource(deps, 'tile/0/000.p/7');
 */
import { NotFoundError } from '../../domain/errors';
import { parseTilePath } from '../../domain/transparency/tiles';
import type { LogPublication } from '../../ports/log-publication';
import type { LogStore } from '../../ports/log-store';

/** What a log resource is: the checkpoint changes, tiles and bundles never do. */
export type LogResourceKind = 'checkpoint' | 'tile' | 'entries';

/**
 * One resource of the published log.
 *
 * @example
 * await readLogResource({ publication }, 'checkpoint'); // { kind: 'checkpoint', bytes }
 */
export async function readLogResource(
  deps: { readonly publication: LogPublication },
  path: string,
): Promise<{ readonly kind: LogResourceKind; readonly bytes: Uint8Array }> {
  const kind: LogResourceKind | undefined = path === 'checkpoint' ? 'checkpoint' : parseTilePath(path)?.kind;
  const bytes = kind ? await deps.publication.get(path) : undefined;
  if (!kind || !bytes) throw new NotFoundError('LOG_RESOURCE_NOT_FOUND', 'the transparency log has no such resource');
  return { kind, bytes };
}

/**
 * The log's verifier key (`<origin>+<key ID>+<base64>`), stored with its checkpoints.
 *
 * @example
 * await publishedLogKey({ store }); // 'permit.example/log+1a2b3c4d+AT…'
 */
export async function publishedLogKey(deps: { readonly store: Pick<LogStore, 'head'> }): Promise<string> {
  const { verifierKey } = await deps.store.head();
  if (!verifierKey) throw new NotFoundError('LOG_NOT_STARTED', 'the transparency log has published no checkpoint yet');
  return verifierKey;
}
