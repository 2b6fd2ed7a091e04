/**
 * Certificate path check for PAdES and RFC 3161: from a signer's certificate through the certificates a CMS carries
 * to one of the configured trust anchors, each link's signature verified and every certificate valid at one instant.
 * Deliberately small: no revocation, no policy or name constraints (the anchors are the authority's own CA).
 */
import { X509Certificate } from 'node:crypto';

/** Longest path tried (signer, intermediates, anchor); deeper is refused rather than searched. */
const MAX_DEPTH = 8;

/**
 * Whether `leaf` chains to one of `anchors` (DER) through `intermediates`, valid at `at`. A certificate equal to an
 * anchor counts as trusted; an issuer must be a CA whose key verifies the child's signature. Never throws.
 *
 * @example
 * chainsToAnchor(signerDer, cmsCertificates, [caDer], new Date()); // true
 */
export function chainsToAnchor(
  leaf: Uint8Array,
  intermediates: readonly Uint8Array[],
  anchors: readonly Uint8Array[],
  at: Date,
): boolean {
  try {
    const anchorCerts = anchors.map((der) => new X509Certificate(der));
    const pool = intermediates.map((der) => new X509Certificate(der));
    let current = new X509Certificate(leaf);
    const used = new Set<X509Certificate>();
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      if (!validAt(current, at)) return false;
      if (anchorCerts.some((anchor) => anchor.raw.equals(current.raw))) return true;
      const anchor = anchorCerts.find((candidate) => issued(candidate, current));
      if (anchor) return validAt(anchor, at);
      const next = pool.find(
        (candidate) => !used.has(candidate) && !candidate.raw.equals(current.raw) && issued(candidate, current),
      );
      if (!next) return false;
      used.add(next);
      current = next;
    }
    return false;
  } catch {
    return false;
  }
}

function issued(issuer: X509Certificate, child: X509Certificate): boolean {
  return issuer.ca && child.checkIssued(issuer) && child.verify(issuer.publicKey);
}

function validAt(certificate: X509Certificate, at: Date): boolean {
  const t = at.getTime();
  return Date.parse(certificate.validFrom) <= t && t <= Date.parse(certificate.validTo);
}
