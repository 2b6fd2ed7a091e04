/**
 * Local signing keys (the embedded runtime's key store; cloud keys live in AWS KMS) and the certificates of PDF
 * signatures (`docs/pdf-signatures.md`).
 *
 *   npm run keys                                  # the key, the development CA, its document-signing certificate
 *                                                 # and the local TSA's certificate (what is missing is created)
 *   npm run keys -- csr [--kms <key id> --region <r>] [--out <file>]
 *                                                 # a certificate signing request for a signing key (KMS: the key
 *                                                 # signs it inside KMS), for the authority's CA
 *   npm run keys -- list                          # kid, status, signing period
 *   npm run keys -- rotate                        # retire the current key, create a new one
 *   npm run keys -- compromise <kid> --at <iso>   # refuse what <kid> signed from <iso> on (rotates if current)
 *   npm run keys -- jwks                          # print the published JWKS (for offline verification)
 *
 * The directory is `LOCAL_KEY_DIR` (default `./.permit/keys`). Times follow the data directory's clock (`clock.json`
 * beside the key directory): a runtime started with PERMIT_CLOCK gets keys dated by its clock, not by real time.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLocalKeyStore, prepareDevelopmentPki, signingKeyCsr } from '../lambdas/composition/tools';
import { isPermitError } from '../lambdas/domain/errors';
import type { KeyRecord } from '../lambdas/domain/signing/keys';

const USAGE =
  'usage: npm run keys [-- init | csr [--kms <key id> --region <region>] [--out <file>] | list | rotate | jwks | ' +
  'compromise <kid> --at <ISO time>]';
const AUTHORITY = process.env.ISSUING_AUTHORITY?.trim() || '湖北省市场监督管理局';

/** Make what PDF signatures need locally, and say where it is and how to trust the CA. */
async function init(dir: string): Promise<void> {
  const { created, files } = await prepareDevelopmentPki(dir, AUTHORITY);
  console.log(created.length > 0 ? `created: ${created.join(', ')}` : 'nothing to create: all in place');
  console.log(`development CA (trust it to see PDF signatures as valid): ${join(dir, files.ca)}`);
  console.log(`document-signing certificates: ${join(dir, files.certificates)}`);
  console.log(`local TSA certificate: ${join(dir, files.tsa)}`);
  console.log('check a certificate PDF with poppler, trusting only this CA:');
  console.log(`  mkdir -p /tmp/permit-nss && certutil -N -d sql:/tmp/permit-nss --empty-password`);
  console.log(`  certutil -A -d sql:/tmp/permit-nss -n permit-dev-ca -t "C,C,C" -i ${join(dir, files.ca)}`);
  console.log('  pdfsig -nssdir sql:/tmp/permit-nss certificate.pdf');
}

/** A CSR for the local current key, or for a KMS key (`--kms`). */
async function csr(dir: string, rest: readonly string[]): Promise<number> {
  const option = (name: string) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const kmsKeyId = option('--kms');
  const region = option('--region') ?? process.env.AWS_REGION ?? 'cn-north-1';
  const out = option('--out');
  const subject = { commonName: `${AUTHORITY} 电子证照签章`, organization: AUTHORITY };
  const request = await signingKeyCsr(kmsKeyId ? { kmsKeyId, region } : { localDir: dir }, subject);
  if (out) {
    await writeFile(out, request.pem);
    console.log(`wrote ${out}: a CSR for key ${request.kid} (${subject.commonName})`);
  } else {
    process.stdout.write(request.pem);
  }
  console.error(
    `send it to the authority's CA; put the issued certificate (and intermediates) in the stage's PADES certificates ` +
      `parameter (docs/pdf-signatures.md). Key ${request.kid} signs PDFs only once its certificate is there.`,
  );
  return 0;
}

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
  const [command = 'init', ...rest] = argv;
  const dir = process.env.LOCAL_KEY_DIR?.trim() || '.permit/keys';
  if (command === 'csr') return csr(dir, rest);
  const store = await openLocalKeyStore(dir);
  switch (command) {
    case 'init':
      await init(dir);
      return 0;
    case 'list':
      printRecords(await store.keyRecords());
      return 0;
    case 'jwks':
      console.log(JSON.stringify((await store.keySet()).toJwks(), null, 2));
      return 0;
    case 'rotate': {
      const next = await store.rotate();
      console.log(`rotated: new current key ${next.kid}`);
      await init(dir); // the new key's document-signing certificate
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
