/**
 * What the command-line tools (`bin/`) and the local runtime (`lib/local/`) take from the adapters, handed out here
 * so that, as inside `lambdas/`, only composition reaches adapters: the local key store, the local settable clock's
 * state file, the cursor key sets (file and SSM), the dead-letter queue operations and the font-table generator.
 *
 * @example
 * const store = await openLocalKeyStore('.permit/keys');
 * await store.rotate();
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { followClock } from '../adapters/clock/local-clock';
import {
  ensureCursorKeyFile,
  readCursorKeyParameter,
  rotateCursorKeyFile,
  rotateCursorKeyParameter,
} from '../adapters/cursors/key-sources';
import { DEV_PKI_FILES, ensureDevelopmentPki, type LocalTsaIdentity } from '../adapters/pades/development-pki';
import { PadesCheck } from '../adapters/pades/pades-check';
import { LocalTimestampAuthority } from '../adapters/pades/tsp';
import { certificationRequest, derFromPem, pem } from '../adapters/pades/x509';
import { buildFontTable, renderFontTableModule, TABLE_MODULE } from '../adapters/pdf/font-table';
import { readFontFiles } from '../adapters/pdf/fonts';
import { createKmsSigner } from '../adapters/signing/kms-signer';
import { LocalKeyStore } from '../adapters/signing/local-key-store';
import { type DeadLetter, listDeadLetters, redriveDeadLetters } from '../adapters/sqs/dead-letters';
import type { PdfSignatureFinding } from '../domain/pdf-signature/finding';
import type { Clock } from '../ports/clock';
import { type CursorKeySet, parseCursorKeySet } from '../shared/cursors/key-set';

export type { LocalClock } from '../adapters/clock/local-clock';
export { ensureDevelopmentPki, type LocalTsaIdentity } from '../adapters/pades/development-pki';

/**
 * The local key store under `dir`, dated by the data directory's clock (the settable clock's state file beside it,
 * or real time when there is none).
 *
 * @example
 * const store = await openLocalKeyStore(join(dataDir, 'keys'));
 */
export function openLocalKeyStore(dir: string, clock?: Clock): Promise<LocalKeyStore> {
  return LocalKeyStore.open({ dir, clock: clock ?? followClock(join(dirname(dir), 'clock.json')) });
}

/** The list-cursor key file: created (mode 0600) when absent. */
export const prepareCursorKeyFile = (path: string): { created: boolean } => ensureCursorKeyFile(path);

/**
 * Show or rotate a cursor key set: a file under the data directory, or an SSM parameter (`region` optional).
 *
 * @example
 * const set = await cursorKeySet({ parameter: '/permit/dev/cursor-keys' }, 'rotate');
 */
export async function cursorKeySet(
  where: { readonly file: string } | { readonly parameter: string; readonly region?: string },
  action: 'show' | 'rotate',
): Promise<CursorKeySet> {
  if ('file' in where) {
    return action === 'rotate' ? rotateCursorKeyFile(where.file) : parseCursorKeySet(readFileSync(where.file, 'utf8'));
  }
  const client = new SSMClient(where.region ? { region: where.region } : {});
  try {
    return action === 'rotate'
      ? await rotateCursorKeyParameter(client, where.parameter)
      : await readCursorKeyParameter(client, where.parameter);
  } finally {
    client.destroy();
  }
}

/**
 * The dead-letter queue's messages, and moving them back to their queue.
 *
 * @example
 * const letters = await deadLetters(client).list(dlqUrl, 100);
 */
export function deadLetters(client: SQSClient): {
  list(dlqUrl: string, max: number): Promise<readonly DeadLetter[]>;
  redrive(urls: { readonly dlqUrl: string; readonly queueUrl: string }): Promise<{ readonly moved: number }>;
} {
  return {
    list: (dlqUrl, max) => listDeadLetters(client, dlqUrl, max),
    redrive: (urls) => redriveDeadLetters(client, urls),
  };
}

/**
 * The certificate-font table module (`lambdas/domain/certificate-font-table.ts`) generated from the font files.
 *
 * @example
 * const { path, source } = fontTableModule();
 * writeFileSync(path, source);
 */
export function fontTableModule(): { readonly path: string; readonly source: string; readonly summary: string } {
  const table = buildFontTable(readFontFiles());
  return {
    path: TABLE_MODULE,
    source: renderFontTableModule(table),
    summary:
      `${table.coverage.split(',').length} coverage ranges, ` +
      `${table.advances.regular.split(',').length} + ${table.advances.bold.split(',').length} advance runs`,
  };
}

/** The settable clock's state file under the data directory (the local runtime plans a start with it). */
export {
  type ClockStartRefusal,
  planClockStart,
  readClockState,
  writeClockState,
} from '../adapters/clock/local-clock';

/**
 * The development PKI for PDF signatures under the local key directory (`npm run keys`): the CA, the TSA's
 * certificate, and a document-signing certificate for the current key (and any key given).
 *
 * @example
 * const { created, files } = await prepareDevelopmentPki('.permit/keys', '湖北省市场监督管理局');
 */
export async function prepareDevelopmentPki(
  dir: string,
  authority: string,
): Promise<{ readonly created: readonly string[]; readonly files: typeof DEV_PKI_FILES }> {
  const store = await openLocalKeyStore(dir);
  const current = await store.signer();
  const { created } = await ensureDevelopmentPki({
    dir,
    keys: [{ kid: current.kid, jwk: await current.publicJwk() }],
    now: followClock(join(dirname(dir), 'clock.json')).now(),
    authority,
  });
  return { created, files: DEV_PKI_FILES };
}

/**
 * A PKCS#10 certificate signing request for a signing key, signed by that key (KMS in the cloud: the key never leaves
 * it): what the authority's CA needs to issue the key's document-signing certificate.
 *
 * @example
 * const csr = await signingKeyCsr({ kmsKeyId: 'alias/permit-prod-signing', region: 'cn-north-1' }, subject);
 */
export async function signingKeyCsr(
  key: { readonly kmsKeyId: string; readonly region: string } | { readonly localDir: string },
  subject: { readonly commonName: string; readonly organization: string },
): Promise<{ readonly kid: string; readonly pem: string }> {
  const signer =
    'kmsKeyId' in key
      ? await createKmsSigner({ client: new KMSClient({ region: key.region }), keyId: key.kmsKeyId })
      : await (await openLocalKeyStore(key.localDir)).signer();
  const der = await certificationRequest({
    publicJwk: (await signer.publicJwk()) as import('node:crypto').JsonWebKey,
    subject,
    sign: (data) => signer.sign(data),
  });
  return { kid: signer.kid, pem: pem('CERTIFICATE REQUEST', der) };
}

/**
 * A PDF's own PAdES signature checked against the trust anchors in a PEM file (the offline CLI: no network).
 *
 * @example
 * const finding = await checkPdfSignatureOffline(pdf, readFileSync('.permit/keys/pades-trust-anchors.pem', 'utf8'));
 */
export function checkPdfSignatureOffline(pdf: Uint8Array, anchorsPem: string): Promise<PdfSignatureFinding> {
  return new PadesCheck(async () => derFromPem(anchorsPem, 'CERTIFICATE')).check(pdf);
}

/**
 * The local RFC 3161 timestamp authority's responder (the local runtime serves it over HTTP, `lib/local/local-tsa.ts`).
 *
 * @example
 * const tsa = localTimestampResponder(pki.tsa, () => clock.now(), '1.3.6.1.4.1.55555.18.1');
 * const reply = await tsa.respond(requestDer);
 */
export function localTimestampResponder(
  identity: LocalTsaIdentity,
  now: () => Date,
  policy: string,
): { respond(request: Uint8Array): Promise<Uint8Array> } {
  return new LocalTimestampAuthority({
    privateKey: identity.privateKey,
    chain: identity.chain,
    clock: { now },
    policy,
  });
}
