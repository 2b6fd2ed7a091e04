import type { Clock } from '../ports/clock';
import type { PdfDigestRegister } from '../ports/pdf-digest-register';
import type { PdfSweepStore } from '../ports/pdf-sweep-store';
import { logger } from '../shared/logger';

/** Orphans younger than this are kept: their issuance may still commit. */
export const ORPHAN_MIN_AGE_MS = 60 * 60_000;

/** The key prefix certificate PDFs live under (the sweep's grant is limited to it). */
export const CERTIFICATE_PDF_PREFIX = 'certificates/';

/** The content digest at the end of a certificate PDF's key. */
const DIGEST_OF_KEY = /(?:^|[/-])([0-9a-f]{64})\.pdf$/;

/**
 * The SHA-256 a certificate PDF's key ends with, or undefined for a key of another shape.
 *
 * @example
 * digestOfKey('certificates/42-XK06-001-00001/v1/ab…ef.pdf'); // 'ab…ef'
 */
export function digestOfKey(key: string): string | undefined {
  return key.startsWith(CERTIFICATE_PDF_PREFIX) ? DIGEST_OF_KEY.exec(key)?.[1] : undefined;
}

export interface SweepDeps {
  readonly store: PdfSweepStore;
  readonly register: PdfDigestRegister;
  readonly clock: Clock;
}

export interface SweepResult {
  /** Objects listed under the prefix. */
  readonly listed: number;
  /** Keys deleted: unregistered and old enough. */
  readonly deleted: readonly string[];
  /** Unregistered but younger than the minimum age: left for a later run. */
  readonly tooYoung: number;
  /** Keys that carry no digest: never touched. */
  readonly unrecognised: number;
  /** False when the run stopped before the end of the listing. */
  readonly complete: boolean;
}

/**
 * One sweep over `certificates/`.
 *
 * @example
 * await sweepOrphanPdfs(deps, { shouldStop: () => context.getRemainingTimeInMillis() < 10_000 });
 */
export async function sweepOrphanPdfs(
  deps: SweepDeps,
  options: { readonly shouldStop?: () => boolean } = {},
): Promise<SweepResult> {
  const cutoff = deps.clock.now().getTime() - ORPHAN_MIN_AGE_MS;
  const deleted: string[] = [];
  let listed = 0;
  let tooYoung = 0;
  let unrecognised = 0;
  let cursor: string | undefined;
  do {
    if (options.shouldStop?.()) {
      return { listed, deleted, tooYoung, unrecognised, complete: false };
    }
    const page = await deps.store.listPage(CERTIFICATE_PDF_PREFIX, cursor);
    listed += page.items.length;
    const withDigest = page.items.flatMap((o) => {
      const sha256 = digestOfKey(o.key);
      if (!sha256) unrecognised++;
      return sha256 ? [{ ...o, sha256 }] : [];
    });
    const registered = await deps.register.registered(withDigest.map((o) => o.sha256));
    for (const object of withDigest) {
      if (registered.has(object.sha256)) continue;
      if (object.lastModified.getTime() >= cutoff) {
        tooYoung++;
        continue;
      }
      await deps.store.delete(object.key);
      deleted.push(object.key);
      logger.info('orphan certificate PDF deleted', {
        key: object.key,
        lastModified: object.lastModified.toISOString(),
      });
    }
    cursor = page.cursor;
  } while (cursor);
  return { listed, deleted, tooYoung, unrecognised, complete: true };
}
