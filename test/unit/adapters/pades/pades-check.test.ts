import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { PadesCheck } from '../../../../lambdas/adapters/pades/pades-check';
import { PadesSealer } from '../../../../lambdas/adapters/pades/pades-sealer';
import { embedSignature, prepareSignatureRevision } from '../../../../lambdas/adapters/pades/pdf-revision';
import { timestampRequest, tokenFromResponse } from '../../../../lambdas/adapters/pades/tsp';
import { renderCertificatePdf } from '../../../../lambdas/adapters/pdf/render-certificate';
import { createNodeSigner, type PrivateEcJwk } from '../../../../lambdas/adapters/signing/node-signer';
import type { TimestampAuthority } from '../../../../lambdas/ports/timestamp-authority';
import { base } from '../../../support/certificate-documents';
import { makePki } from '../../../support/pades-pki';

const pki = makePki();
const foreign = makePki();
const check = new PadesCheck(async () => [pki.ca.certificate]);
const tsa: TimestampAuthority = {
  timestamp: async (digest) => tokenFromResponse(await pki.tsa.respond(timestampRequest(digest)), digest),
};
const signatory = { name: '湖北省市场监督管理局', reason: '签发', location: '湖北' };
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const fromLatin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

let rendered: Uint8Array;
let signed: Uint8Array;
let upgraded: Uint8Array;
let byForeignCa: Uint8Array;
beforeAll(async () => {
  rendered = await renderCertificatePdf(base);
  const sealerOf = (p: ReturnType<typeof makePki>) => async () => {
    const signer = await createNodeSigner(p.signerKeys.privateKey.export({ format: 'jwk' }) as PrivateEcJwk);
    return {
      signer,
      sealer: new PadesSealer({ certificates: { chainFor: async () => [...p.chain] }, tsa, signatory }),
    };
  };
  const own = await sealerOf(pki)();
  signed = (
    await new PadesSealer({ certificates: { chainFor: async () => [...pki.chain] }, signatory }).seal(
      rendered,
      own.signer,
      new Date(),
    )
  ).bytes;
  upgraded = await own.sealer.addDocumentTimestamp(signed);
  const other = await sealerOf(foreign)();
  byForeignCa = (await other.sealer.seal(rendered, other.signer, new Date())).bytes;
});

/** A copy with one byte flipped at `at`. */
const flipped = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice();
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
};

describe('the PDF signature check', () => {
  test('a file without a signature (issued before PDF signatures) is absent, not invalid', async () => {
    expect(await check.check(rendered)).toEqual({ state: 'absent' });
    expect(await check.check(fromLatin1('%PDF-1.7\nnot really a pdf\n%%EOF\n'))).toEqual({ state: 'absent' });
  });

  test('any byte changed in the signed range breaks the digest', async () => {
    for (const at of [0, 500, rendered.length - 5, signed.length - 3]) {
      expect(await check.check(flipped(signed, at))).toEqual({ state: 'invalid', problem: 'digest' });
    }
  });

  test('a changed signature value, a broken CMS, a changed byte range: each its own reason, never a throw', async () => {
    // Prepare: the CMS's last bytes are the ECDSA signature; its first is the DER header
    const text = latin1(signed);
    const contents = text.indexOf('/Contents <') + '/Contents <'.length;
    const derEnd = text.indexOf('0000', contents + 300);
    const tamperedSignature = fromLatin1(
      `${text.slice(0, derEnd - 2)}${text[derEnd - 2] === 'A' ? 'B' : 'A'}${text.slice(derEnd - 1)}`,
    );
    const brokenCms = fromLatin1(`${text.slice(0, contents)}31${text.slice(contents + 2)}`);
    const range = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text) as RegExpExecArray;
    const shiftedRange = fromLatin1(
      text.replace(range[0], `/ByteRange [0 ${Number(range[1]) - 1} ${range[2]} ${range[3]}]`),
    );
    const truncated = signed.subarray(0, signed.length - 100);
    // Act / Assess
    expect(await check.check(tamperedSignature)).toEqual({ state: 'invalid', problem: 'cms-signature' });
    expect(await check.check(brokenCms)).toEqual({ state: 'invalid', problem: 'malformed' });
    expect(await check.check(shiftedRange)).toEqual({ state: 'invalid', problem: 'byte-range' });
    expect(await check.check(truncated)).toEqual({ state: 'invalid', problem: 'byte-range' });
  });

  test('a signature by a CA that is not a trust anchor is untrusted', async () => {
    expect(await check.check(byForeignCa)).toEqual({ state: 'invalid', problem: 'untrusted-chain' });
  });

  test('an incremental update after signing is a change — unless it only adds a document timestamp', async () => {
    // Prepare: an unsigned update; one that changes the page and then adds a genuine document timestamp; a second
    // authority-style signature after the first
    const appended = fromLatin1(`${latin1(signed)}1 0 obj\n<< /Type /Catalog >>\nendobj\n`);
    const pageChanged = fromLatin1(latin1(signed).replace('/Type /Annot', '/Type /Annot /Contents (x)'));
    const stampedAfterChange = await new PadesSealer({
      certificates: { chainFor: async () => undefined },
      tsa,
      signatory,
    }).addDocumentTimestamp(await appendedRevision(signed));
    const signer = await createNodeSigner(pki.signerKeys.privateKey.export({ format: 'jwk' }) as PrivateEcJwk);
    const signedTwice = (
      await new PadesSealer({ certificates: { chainFor: async () => [...pki.chain] }, signatory }).seal(
        signed,
        signer,
        new Date(),
      )
    ).bytes;
    // Act / Assess
    expect(await check.check(appended)).toEqual({ state: 'invalid', problem: 'modified-after-signing' });
    expect((await check.check(pageChanged)).state).toBe('invalid');
    expect(await check.check(stampedAfterChange)).toEqual({ state: 'invalid', problem: 'modified-after-signing' });
    expect(await check.check(signedTwice)).toEqual({ state: 'invalid', problem: 'modified-after-signing' });
    expect(await check.check(upgraded)).toMatchObject({ state: 'valid', level: 'B-T', documentTimestamp: true });
  });

  test('a document timestamp over other bytes is invalid', async () => {
    // Prepare: the timestamp token of the upgrade, written over a different revision
    const prepared = await prepareSignatureRevision(signed, {
      kind: 'document-timestamp',
      field: 'Permit-Timestamp',
      reserve: 8192,
    });
    const other = createHash('sha256').update('other bytes').digest();
    const token = tokenFromResponse(await pki.tsa.respond(timestampRequest(other)), other);
    // Act / Assess
    expect(await check.check(embedSignature(prepared, token))).toEqual({
      state: 'invalid',
      problem: 'timestamp-invalid',
    });
  });

  test('trust anchors that cannot be read make the answer unavailable', async () => {
    const broken = new PadesCheck(async () => {
      throw new Error('SSM down');
    });
    expect(await broken.check(signed)).toEqual({ state: 'unavailable' });
  });
});

/** The signed file with a revision that changes the page's content (a new, empty content stream). */
async function appendedRevision(pdf: Uint8Array): Promise<Uint8Array> {
  const text = latin1(pdf);
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const size = Number([...text.matchAll(/\/Size (\d+)/g)].at(-1)?.[1]);
  const root = /\/Root (\d+ 0 R)/.exec(text)?.[1];
  const body = `${size} 0 obj\n<< /Length 0 >>\nstream\n\nendstream\nendobj\n`;
  const xrefAt = pdf.length + body.length;
  const xref = `xref\n${size} 1\n${String(pdf.length).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return fromLatin1(text + body + xref);
}
