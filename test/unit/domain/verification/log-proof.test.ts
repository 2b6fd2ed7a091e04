/**
 * The offline inclusion check on a saved answer: a genuine proof from a small tree (built with merkle.ts, the
 * checkpoint signed with a real Ed25519 key) holds, for the `log` object and the whole answer, for the QR's JWS and
 * for the decoded QR; a changed entry, another licence or version, another JWS, another key, a wrong path and answers
 * without an included log are refused with stable codes.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeQrText, signCertificateClaims } from '../../../../lambdas/domain/signing/qr-claims';
import {
  ed25519KeyId,
  formatCheckpoint,
  formatVerifierKey,
  signNote,
} from '../../../../lambdas/domain/transparency/checkpoint';
import { encodeEntry, type LogEntry } from '../../../../lambdas/domain/transparency/entries';
import { inclusionProof, leafHash, rootOf } from '../../../../lambdas/domain/transparency/merkle';
import { checkLogProof } from '../../../../lambdas/domain/verification/log-proof';
import { claims } from '../../../support/certificate-claims';

const ORIGIN = 'permit.example/log';
const KID = Buffer.from(randomBytes(32)).toString('base64url');

function logKeyPair(name = ORIGIN) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  return {
    text: formatVerifierKey(name, raw),
    signer: {
      name,
      keyId: ed25519KeyId(name, raw),
      sign: async (m: Uint8Array) => new Uint8Array(sign(null, m, privateKey)),
    },
  };
}

const sha256Hex = async (text: string) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');

/** A signed QR, a tree of 7 entries with its issuance at index 4, and the saved answer's `log` object. */
async function world() {
  const key = logKeyPair();
  const c = claims();
  const { qrText, jws } = await signCertificateClaims(
    c,
    { kid: KID, sign: async () => new Uint8Array(randomBytes(64)) },
    'https://permit.example',
  );
  const issuance: LogEntry = {
    type: 'issuance',
    licenceNumber: c.licenceNo,
    version: c.version,
    qrRecordSha256: await sha256Hex(jws),
    pdfSha256: '00'.repeat(32),
    kid: KID,
    time: '2026-09-28T01:30:00Z',
  };
  const entries = Array.from(
    { length: 7 },
    (_, i): Uint8Array =>
      i === 4
        ? encodeEntry(issuance)
        : encodeEntry({ ...issuance, licenceNumber: `(鄂)XK13-001-0000${i + 2}`, time: `2026-09-28T0${i}:00:00Z` }),
  );
  const leaves = entries.map(leafHash);
  const checkpoint = await signNote(
    formatCheckpoint({ origin: ORIGIN, treeSize: 7, root: rootOf(leaves), extensions: [] }),
    [key.signer],
  );
  const log = {
    state: 'included' as const,
    index: 4,
    treeSize: 7,
    entry: Buffer.from(entries[4] as Uint8Array).toString('base64'),
    proof: inclusionProof(leaves, 4).map((h) => Buffer.from(h).toString('base64')),
    checkpoint,
    text: { zh: '已记录', en: 'Recorded' },
  };
  return { key, c, jws, qrText, log, issuance };
}

describe('checkLogProof', () => {
  it('holds for a genuine proof, given the log object and the QR’s JWS', async () => {
    // Prepare
    const { key, c, jws, log } = await world();
    // Act
    const result = checkLogProof(log, key.text, { licenceNumber: c.licenceNo, version: c.version, jws });
    // Assess
    expect(result).toMatchObject({ ok: true, index: 4, treeSize: 7, origin: ORIGIN, entry: { type: 'issuance' } });
  });

  it('holds for the whole saved answer and the decoded QR (its JWS reassembled with the entry’s key ID)', async () => {
    const { key, qrText, log } = await world();
    const answer = { verdict: 'valid', mode: 'online', log };
    expect(checkLogProof(answer, key.text, { decoded: decodeQrText(qrText) })).toMatchObject({ ok: true, index: 4 });
  });

  it('refuses a changed entry byte (the same issuance, another time): not in the signed tree', async () => {
    // Prepare
    const { key, c, jws, log } = await world();
    const bytes = Buffer.from(log.entry, 'base64');
    const at = bytes.indexOf(Buffer.from('01:30:00Z'));
    bytes[at + 4] = '1'.charCodeAt(0);
    // Act
    const result = checkLogProof({ ...log, entry: bytes.toString('base64') }, key.text, {
      licenceNumber: c.licenceNo,
      version: c.version,
      jws,
    });
    // Assess
    expect(result).toMatchObject({ ok: false, code: 'TLOG_INCLUSION_PROOF_INVALID' });
  });

  it('refuses an entry that is not an entry', async () => {
    const { key, c, jws, log } = await world();
    const result = checkLogProof({ ...log, entry: 'AQk=' }, key.text, { licenceNumber: c.licenceNo, version: 2, jws });
    expect(result).toMatchObject({ ok: false, code: 'TLOG_ENTRY_MALFORMED' });
  });

  it('refuses a proof whose path does not lead to the signed root', async () => {
    const { key, c, jws, log } = await world();
    const proof = [...log.proof];
    proof[0] = Buffer.alloc(32, 7).toString('base64');
    const result = checkLogProof({ ...log, proof }, key.text, { licenceNumber: c.licenceNo, version: 2, jws });
    expect(result).toMatchObject({ ok: false, code: 'TLOG_INCLUSION_PROOF_INVALID' });
  });

  it.each([
    ['another licence', { licenceNumber: '(鄂)XK13-001-00002' }],
    ['another version', { version: 3 }],
    ['another JWS', { jws: 'eyJ.eyJ.sig' }],
  ])('refuses %s', async (_, change) => {
    const { key, c, jws, log } = await world();
    const qr = { licenceNumber: c.licenceNo, version: c.version, jws, ...change };
    expect(checkLogProof(log, key.text, qr)).toMatchObject({ ok: false, code: 'TLOG_ENTRY_MISMATCH' });
  });

  it('refuses a decoded QR signed under another key reference', async () => {
    const { key, log, c } = await world();
    const other = await signCertificateClaims(
      c,
      { kid: Buffer.from(randomBytes(32)).toString('base64url'), sign: async () => new Uint8Array(64) },
      'https://permit.example',
    );
    const result = checkLogProof(log, key.text, { decoded: decodeQrText(other.qrText) });
    expect(result).toMatchObject({ ok: false, code: 'TLOG_ENTRY_MISMATCH' });
  });

  it('refuses a checkpoint not signed by the given key (same name, another key)', async () => {
    const { c, jws, log } = await world();
    const result = checkLogProof(log, logKeyPair().text, { licenceNumber: c.licenceNo, version: 2, jws });
    expect(result).toMatchObject({ ok: false, code: 'TLOG_NOTE_UNVERIFIED' });
  });

  it('refuses a malformed key text', async () => {
    const { c, jws, log } = await world();
    const result = checkLogProof(log, 'not a key', { licenceNumber: c.licenceNo, version: 2, jws });
    expect(result).toMatchObject({ ok: false, code: 'TLOG_NOTE_MALFORMED' });
  });

  it.each([
    ['not an object', 'text', 'TLOG_PROOF_MALFORMED'],
    ['an answer without a log', { verdict: 'cannot-confirm', mode: 'offline' }, 'TLOG_PROOF_MALFORMED'],
    ['a pending log', { log: { state: 'pending', text: { zh: '', en: '' } } }, 'TLOG_NOT_INCLUDED'],
    ['a log without a proof', { state: 'included', index: 0, treeSize: 1, entry: 'AA==' }, 'TLOG_PROOF_MALFORMED'],
  ])('refuses %s', async (_, saved, code) => {
    const { key, c, jws } = await world();
    expect(checkLogProof(saved, key.text, { licenceNumber: c.licenceNo, version: 2, jws })).toMatchObject({
      ok: false,
      code,
    });
  });

  it('refuses a proof claiming another tree size than its checkpoint', async () => {
    const { key, c, jws, log } = await world();
    const result = checkLogProof({ ...log, treeSize: 8 }, key.text, { licenceNumber: c.licenceNo, version: 2, jws });
    expect(result).toMatchObject({ ok: false, code: 'TLOG_PROOF_MALFORMED' });
  });
});
