/**
 * A verification world for use-case tests: a ManualClock, a local key store on that clock, an in-memory register
 * (the repository reads the verifier uses, with failure injection), and the real caches over them.
 *
 * @example
 * const w = await verificationWorld();
 * const v1 = await w.issue(w.certificate());
 * expect((await w.verify({ kind: 'payload', payload: v1.payload })).verdict).toBe('valid');
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../lambdas/adapters/clock/manual-clock';
import { CachedKeySet } from '../../lambdas/adapters/key-set-cache';
import { LocalKeyStore } from '../../lambdas/adapters/signing/local-key-store';
import { type RegisterSource, StatusCache } from '../../lambdas/adapters/status-cache';
import type { Certificate } from '../../lambdas/domain/certificate';
import type { StatusAction } from '../../lambdas/domain/certificate-status';
import type { IssuedVersion } from '../../lambdas/domain/issued-version';
import { LicenceNumber } from '../../lambdas/domain/licence-number';
import { xmpQrElement } from '../../lambdas/domain/signing/embedded-qr';
import { type CertificateClaims, signCertificateClaims } from '../../lambdas/domain/signing/qr-claims';
import { usccWithCheck } from '../../lambdas/domain/uscc';
import type { CertificateHead } from '../../lambdas/ports/certificate-repository';
import type { Signer } from '../../lambdas/ports/signer';
import { type VerifyDeps, type VerifyRequest, verifyCertificate } from '../../lambdas/use-cases/verify-certificate';
import { catalogue, enterpriseInput, issued, officer, paperSerials } from './domain-builders';

export const BASE_URL = 'https://permit.amr.hubei.gov.cn';

/** An in-memory register with switchable failures; counts head reads. Keys: the printed licence number. */
export class FakeRegister implements RegisterSource {
  readonly heads = new Map<string, CertificateHead>();
  readonly versions = new Map<string, IssuedVersion>();
  readonly digests = new Map<string, { licenceNo: LicenceNumber; version: number }>();
  headReads = 0;
  /** `error`: every read rejects; `hang`: every read never settles. */
  failure: 'none' | 'error' | 'hang' = 'none';

  async get(licenceNo: LicenceNumber): Promise<CertificateHead | undefined> {
    this.headReads++;
    await this.#maybeFail();
    return this.heads.get(licenceNo.toString());
  }
  async getVersion(licenceNo: LicenceNumber, version: number): Promise<IssuedVersion | undefined> {
    await this.#maybeFail();
    return this.versions.get(`${licenceNo}#${version}`);
  }
  async findVersionByPdfSha256(sha256: string) {
    await this.#maybeFail();
    return this.digests.get(sha256);
  }
  async #maybeFail(): Promise<void> {
    if (this.failure === 'error') throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' });
    if (this.failure === 'hang') await new Promise<never>(() => {});
  }
}

export interface IssuedFixture {
  readonly version: IssuedVersion;
  readonly qrText: string;
  readonly payload: string;
  readonly jws: string;
  /** A stand-in PDF: bytes that carry the QR text in XMP metadata, registered under their digest. */
  readonly pdf: Uint8Array;
  readonly claims: CertificateClaims;
}

/** Stand-in certificate PDF bytes with the QR text in an XMP packet, as the renderer writes it. */
export const fakePdf = (qrText: string, note = 'certificate'): Uint8Array =>
  new TextEncoder().encode(
    `%PDF-1.7\n% ${note}\n<x:xmpmeta xmlns:permit="urn:permit:xmp:1.0:">${xmpQrElement(qrText)}</x:xmpmeta>\n%%EOF\n`,
  );

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function verificationWorld(start = '2026-09-28T09:00:00+08:00') {
  const clock = new ManualClock(start);
  const store = await LocalKeyStore.open({ dir: mkdtempSync(join(tmpdir(), 'permit-verify-')), clock });
  const register = new FakeRegister();
  const keys = new CachedKeySet(store, clock, { ttlMs: 30_000 });
  const cache = new StatusCache(register, clock);
  const deps: VerifyDeps = { keys, register: cache, clock, registerTimeoutMs: 50 };
  const nextPaper = paperSerials();

  /** Put a certificate state (head) in the register, keeping its current version number. */
  function putHead(certificate: Certificate): void {
    const snapshot = certificate.toSnapshot();
    register.heads.set(snapshot.licenceNumber.toString(), {
      certificate: snapshot,
      currentVersion: snapshot.version,
      updatedAt: clock.now().toISOString(),
    });
  }

  return {
    clock,
    store,
    register,
    keys,
    cache,
    deps,
    /** A new wires-and-cables certificate issued now, for enterprise and licence serial `serial`. */
    certificate(serial = 1): Certificate {
      return issued({
        licenceNumber: LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial }),
        enterprise: enterpriseInput({ uscc: usccWithCheck(`91420100MA4K${String(serial).padStart(5, '0')}`) }),
        paperSerial: nextPaper(),
        at: clock.now(),
      }).certificate;
    },
    /** Sign and store a version as the issuing service does (head, version record, PDF digest). */
    async issue(certificate: Certificate, signer?: Signer): Promise<IssuedFixture> {
      const snapshot = certificate.toSnapshot();
      const at = clock.now();
      const signed = await signCertificateClaims(
        {
          licenceNo: snapshot.licenceNumber.toString(),
          version: snapshot.version,
          uscc: snapshot.enterprise.uscc,
          issueDate: snapshot.issueDate,
          validUntil: snapshot.validUntil,
          signedAt: Math.floor(at.getTime() / 1000),
        },
        signer ?? (await store.signer()),
        BASE_URL,
      );
      const pdf = fakePdf(signed.qrText, `${snapshot.licenceNumber} v${snapshot.version}`);
      const version: IssuedVersion = {
        licenceNo: snapshot.licenceNumber,
        version: snapshot.version,
        paperSerial: snapshot.paperSerial,
        certificate: snapshot,
        pdf: { key: `certificates/x/v${snapshot.version}/${sha256(pdf)}.pdf`, sha256: sha256(pdf), size: pdf.length },
        qrText: signed.qrText,
        jws: signed.jws,
        kid: (signer ?? (await store.signer())).kid,
        signedAt: at.toISOString(),
        issuedBy: officer,
        source: 'test',
      };
      register.versions.set(`${snapshot.licenceNumber}#${snapshot.version}`, version);
      register.digests.set(version.pdf.sha256, { licenceNo: snapshot.licenceNumber, version: snapshot.version });
      putHead(certificate);
      return { version, qrText: signed.qrText, payload: signed.payload, jws: signed.jws, pdf, claims: signed.claims };
    },
    /** Change the register's status now (as changeCertificateStatus commits it). */
    changeStatus(certificate: Certificate, action: StatusAction, publicReason = '产品监督抽查不合格'): Certificate {
      const next = certificate.changeStatus(action, {
        actor: officer,
        at: clock.now(),
        publicReason,
        legalBasis: '《工业产品生产许可证管理条例》第四十五条',
        internalNotes: '内部备注：勿公开',
      });
      putHead(next);
      return next;
    },
    /** A new version adding a product. */
    addProducts(certificate: Certificate, products = ['05-001']): Certificate {
      return certificate.addProducts({
        products,
        catalogue,
        paperSerial: nextPaper(),
        actor: officer,
        at: clock.now(),
      });
    },
    verify(request: VerifyRequest) {
      return verifyCertificate(deps, request);
    },
  };
}
