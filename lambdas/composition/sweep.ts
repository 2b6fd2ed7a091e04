/**
 * Wiring of the orphan-PDF sweep: the certificates bucket's listing (under `certificates/` only) and the register of
 * committed PDF digests.
 *
 * @example
 * await sweepOrphanPdfs(sweepDeps());
 */
import { DynamoPdfDigestRegister } from '../adapters/dynamo/pdf-digest-register';
import { S3SweepStore } from '../adapters/s3/sweep-store';
import { dynamoClient, s3Client } from '../shared/clients';
import { config } from '../shared/config';
import type { SweepDeps } from '../use-cases/sweep-orphan-pdfs';
import { clock } from './clock';
import { once } from './once';

const store = once(() => new S3SweepStore(s3Client(), config().certificatesBucket));
const register = once(() => new DynamoPdfDigestRegister(dynamoClient(), config().tableName));

/**
 * Deps of the sweep; `parts` replace any of them (tests: a manual clock, a small listing page).
 *
 * @example
 * await sweepOrphanPdfs(sweepDeps({ clock: new ManualClock(later) }));
 */
export const sweepDeps = (parts: Partial<SweepDeps> = {}): SweepDeps => ({
  store: store(),
  register: register(),
  clock,
  ...parts,
});
