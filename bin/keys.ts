/**
 * Local signing keys (the embedded runtime's key store; cloud keys live in AWS KMS).
 *
 *   npm run keys -- list                          # kid, status, signing period
 *   npm run keys -- rotate                        # retire the current key, create a new one
 *   npm run keys -- compromise <kid> --at <iso>   # refuse what <kid> signed from <iso> on (rotates if current)
 *   npm run keys -- jwks                          # print the published JWKS (for offline verification)
 *
 * The directory is `LOCAL_KEY_DIR` (default `./.permit/keys`). Times follow the data directory's clock (`clock.json`
 * beside the key directory): a runtime started with PERMIT_CLOCK gets keys dated by its clock, not by real time.
 */
import { openLocalKeyStore } from '../lambdas/composition/tools';
import { isPermitError } from '../lambdas/domain/errors';
import type { KeyRecord } from '../lambdas/domain/signing/keys';

const USAGE = 'usage: npm run keys -- list | rotate | jwks | compromise <kid> --at <ISO time>';

const iso = (s: number | undefined) => (s === undefined ? '—' : new Date(s * 1000).toISOString());

function printRecords(records: readonly KeyRecord[]): void {
  console.table(
    records.map((r) => ({
      kid: r.kid,
      status: r.status,
      signedFrom: iso(r.signedFrom),
      signedUntil: iso(r.signedUntil),
      compromisedAt: iso(r.compromisedAt),
    })),
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const dir = process.env.LOCAL_KEY_DIR?.trim() || '.permit/keys';
  const store = await openLocalKeyStore(dir);
  switch (command) {
    case 'list':
      printRecords(await store.keyRecords());
      return 0;
    case 'jwks':
      console.log(JSON.stringify((await store.keySet()).toJwks(), null, 2));
      return 0;
    case 'rotate': {
      const next = await store.rotate();
      console.log(`rotated: new current key ${next.kid}`);
      printRecords(await store.keyRecords());
      return 0;
    }
    case 'compromise': {
      const kid = rest[0];
      const atIndex = rest.indexOf('--at');
      const atText = atIndex >= 0 ? rest[atIndex + 1] : undefined;
      if (!kid || kid.startsWith('--') || !atText) break;
      const at = new Date(atText);
      if (Number.isNaN(at.getTime())) {
        console.error(`not a time: ${atText}`);
        return 2;
      }
      const { rotatedTo } = await store.compromise(kid, at);
      if (rotatedTo) console.log(`${kid} was current: rotated to ${rotatedTo.kid}`);
      console.log(`${kid} marked compromised from ${at.toISOString()}`);
      printRecords(await store.keyRecords());
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(isPermitError(e) ? `${e.code}: ${e.message}` : e);
    process.exitCode = 1;
  },
);
