/**
 * The local runtime's PKI for PDF signatures, in the key directory beside the signing keys (`npm run keys`; also at
 * every `npm start`). Never used in the cloud, where the authority's CA issues the certificates.
 *
 * - `dev-ca.pem` / `dev-ca.key.pem`: a development CA (P-256), trusted by nothing but what you tell to trust it;
 * - `pades-trust-anchors.pem`: the CA again, as the verifier's trust anchors;
 * - `pades-certificates.pem`: a document-signing certificate for each signing key (by its public key), added when a
 *   key has none — a rotated key gets its own;
 * - `tsa.pem` / `tsa.key.pem`: the local timestamp authority's certificate (EKU timeStamping) and key.
 *
 * Private keys are written 0600. Dates are wide (from two years before `now` to ten after), so a runtime whose clock
 * is moved for a demo still signs with certificates valid then.
 *
 * @example
 * const pki = await ensureDevelopmentPki({ dir: '.permit/keys', keys: [{ kid, jwk }], now, authority: '湖北省市场监督管理局' });
 * pki.created; // ['dev-ca.pem', 'pades-certificates.pem (q3x…)', 'tsa.pem']
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PublicEcJwk } from '../../domain/signing/keys';
import { certificateKid } from './certificate-bundle';
import { type CertificateAuthority, createCertificateAuthority, derFromPem, issueCertificate, pem } from './x509';

export const DEV_PKI_FILES = {
  ca: 'dev-ca.pem',
  caKey: 'dev-ca.key.pem',
  anchors: 'pades-trust-anchors.pem',
  certificates: 'pades-certificates.pem',
  tsa: 'tsa.pem',
  tsaKey: 'tsa.key.pem',
} as const;

/** The local TSA's key and chain (TSA certificate, then the CA). */
export interface LocalTsaIdentity {
  readonly privateKey: KeyObject;
  readonly chain: readonly Uint8Array[];
}

const YEAR_MS = 365 * 86_400_000;

/**
 * Create what is missing; never replaces what exists.
 *
 * @example
 * await ensureDevelopmentPki({ dir, keys: [{ kid: signer.kid, jwk: await signer.publicJwk() }], now: new Date(), authority });
 */
export async function ensureDevelopmentPki(opts: {
  readonly dir: string;
  readonly keys: readonly { readonly kid: string; readonly jwk: PublicEcJwk }[];
  readonly now: Date;
  /** The issuing authority's name (the certificates' organisation). */
  readonly authority: string;
}): Promise<{ readonly created: readonly string[]; readonly tsa: LocalTsaIdentity }> {
  const created: string[] = [];
  const at = (name: string) => join(opts.dir, name);
  const notBefore = new Date(opts.now.getTime() - 2 * YEAR_MS);
  const notAfter = new Date(opts.now.getTime() + 10 * YEAR_MS);

  let ca = await readAuthority(at(DEV_PKI_FILES.ca), at(DEV_PKI_FILES.caKey));
  if (!ca) {
    ca = createCertificateAuthority({
      commonName: `Permit 本地开发 CA (development only) ${opts.now.toISOString().slice(0, 10)}`,
      organization: opts.authority,
      notBefore,
      notAfter,
    });
    await writeFile(at(DEV_PKI_FILES.caKey), ca.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await writeFile(at(DEV_PKI_FILES.ca), pem('CERTIFICATE', ca.certificate));
    await writeFile(at(DEV_PKI_FILES.anchors), pem('CERTIFICATE', ca.certificate));
    created.push(DEV_PKI_FILES.ca);
  }

  const bundle = (await readText(at(DEV_PKI_FILES.certificates))) ?? '';
  const certified = new Set<string>();
  for (const der of derFromPem(bundle, 'CERTIFICATE')) {
    const certificate = new X509Certificate(der);
    const kid = await certificateKid(certificate);
    if (kid && certificate.checkIssued(new X509Certificate(ca.certificate))) certified.add(kid);
  }
  const added = opts.keys.filter((k) => !certified.has(k.kid));
  if (added.length > 0) {
    const blocks = added.map((k) =>
      pem(
        'CERTIFICATE',
        issueCertificate({
          issuer: ca,
          subjectPublicKey: k.jwk as import('node:crypto').JsonWebKey,
          subject: { commonName: `${opts.authority} 电子证照签章 (development)`, organization: opts.authority },
          profile: 'document-signing',
          notBefore,
          notAfter,
        }),
      ),
    );
    await writeFile(at(DEV_PKI_FILES.certificates), bundle + blocks.join(''));
    created.push(...added.map((k) => `${DEV_PKI_FILES.certificates} (${k.kid})`));
  }

  let tsa = await readAuthority(at(DEV_PKI_FILES.tsa), at(DEV_PKI_FILES.tsaKey));
  if (!tsa || !new X509Certificate(tsa.certificate).checkIssued(new X509Certificate(ca.certificate))) {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const certificate = issueCertificate({
      issuer: ca,
      subjectPublicKey: key,
      subject: { commonName: 'Permit 本地时间戳服务 (development TSA)', organization: opts.authority },
      profile: 'timestamping',
      notBefore,
      notAfter,
    });
    await writeFile(at(DEV_PKI_FILES.tsaKey), key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await writeFile(at(DEV_PKI_FILES.tsa), pem('CERTIFICATE', certificate));
    tsa = { privateKey: key, certificate };
    created.push(DEV_PKI_FILES.tsa);
  }
  return { created, tsa: { privateKey: tsa.privateKey, chain: [tsa.certificate, ca.certificate] } };
}

async function readAuthority(certPath: string, keyPath: string): Promise<CertificateAuthority | undefined> {
  const [cert, key] = await Promise.all([readText(certPath), readText(keyPath)]);
  const der = cert ? derFromPem(cert, 'CERTIFICATE')[0] : undefined;
  return der && key ? { certificate: der, privateKey: createPrivateKey(key) } : undefined;
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}
