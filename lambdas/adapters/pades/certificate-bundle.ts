/**
 * {@link SigningCertificates} over one PEM bundle: every signing key's certificate and their intermediates, in any
 * order (an SSM parameter in the cloud, `pades-certificates.pem` in the local key directory). A key's certificate is
 * the one whose public key has the key's `kid` as its RFC 7638 thumbprint, so adding a new key's certificate is adding
 * its PEM block. Self-signed roots are left out of chains: readers take roots from their own trust stores.
 *
 * @example
 * const certificates = new PemCertificateBundle(() => readFile('.permit/keys/pades-certificates.pem', 'utf8'));
 * await certificates.chainFor(signer.kid); // [signing certificate, intermediate…] (DER) or undefined
 */
import { X509Certificate } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { SigningCertificates } from '../../ports/signing-certificates';
import { derFromPem } from './x509';

/** Reads the bundle's text; undefined when there is none yet. */
export type BundleText = () => Promise<string | undefined>;

export class PemCertificateBundle implements SigningCertificates {
  #parsed: { readonly text: string; readonly chains: Promise<ReadonlyMap<string, readonly Uint8Array[]>> } | undefined;

  constructor(private readonly text: BundleText) {}

  async chainFor(kid: string): Promise<readonly Uint8Array[] | undefined> {
    const text = await this.text();
    if (!text) return undefined;
    if (this.#parsed?.text !== text) this.#parsed = { text, chains: chainsByKid(text) };
    return (await this.#parsed.chains).get(kid);
  }
}

/**
 * The RFC 7638 thumbprint of a certificate's EC public key — the `kid` Permit gives that key.
 *
 * @example
 * await certificateKid(new X509Certificate(der)); // 'q3x…'
 */
export async function certificateKid(certificate: X509Certificate): Promise<string | undefined> {
  const jwk = certificate.publicKey.export({ format: 'jwk' }) as JWK;
  return jwk.kty === 'EC' ? calculateJwkThumbprint(jwk, 'sha256') : undefined;
}

async function chainsByKid(text: string): Promise<ReadonlyMap<string, readonly Uint8Array[]>> {
  const certificates = derFromPem(text, 'CERTIFICATE').map((der) => new X509Certificate(der));
  const chains = new Map<string, readonly Uint8Array[]>();
  for (const leaf of certificates) {
    if (leaf.ca) continue;
    const kid = await certificateKid(leaf);
    if (kid) chains.set(kid, chainOf(leaf, certificates));
  }
  return chains;
}

/** The leaf and each issuer found in the bundle up to (not including) a self-signed root. */
function chainOf(leaf: X509Certificate, pool: readonly X509Certificate[]): Uint8Array[] {
  const chain = [leaf];
  for (let current = leaf; chain.length < 8; ) {
    const issuer = pool.find((c) => c !== current && current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer || issuer.checkIssued(issuer) || chain.includes(issuer)) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain.map((c) => new Uint8Array(c.raw));
}
