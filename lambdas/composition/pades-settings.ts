/**
 * Where PDF-signature material is read from (`docs/pdf-signatures.md`): PEM text in an SSM parameter (cloud, cached
 * five minutes) or a file beside the local keys (`npm run keys`, re-read on each use so a new certificate takes
 * effect at once), and the PAdES settings themselves. Shared by the sealer and the signature check.
 *
 * @example
 * const text = await pemTextAt(padesConfig().certificates)(); // undefined while none is configured
 */
import { readFile } from 'node:fs/promises';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type CursorKeysConfig, config, readPadesConfig } from '../shared/config';
import { once } from './once';

/** The PAdES settings, read once. */
export const padesConfig = once(() => readPadesConfig(process.env));
const ssm = once(() => new SSMClient({ region: config().region }));
const CACHE_MS = 5 * 60_000;

/**
 * PEM text at a location; undefined while there is none (no file yet, no parameter yet).
 *
 * @example
 * const anchors = pemTextAt(padesConfig().trustAnchors);
 */
export function pemTextAt(location: CursorKeysConfig): () => Promise<string | undefined> {
  if (location.kind === 'file') {
    return () =>
      readFile(location.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
  }
  let cached: { text: string | undefined; until: number } | undefined;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.text;
    const out = await ssm()
      .send(new GetParameterCommand({ Name: location.parameter, WithDecryption: true }))
      .catch((error: Error) => {
        if (error.name === 'ParameterNotFound') return undefined;
        throw error;
      });
    cached = { text: out?.Parameter?.Value, until: Date.now() + CACHE_MS };
    return cached.text;
  };
}
