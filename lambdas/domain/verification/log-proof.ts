/**
 * The offline inclusion check: does a saved verification answer prove that the log recorded *this* certificate's
 * issuance? Given the answer's `log` object (or the whole answer), the log's verifier key and what the QR says, it
 * checks — with no network —
 *
 * 1. the checkpoint is signed by that key (`openCheckpoint`, origin = the key's name);
 * 2. the entry decodes as the issuance of the QR's licence and version, recording the SHA-256 of the QR's compact
 *    JWS ({@link recordsIssuance});
 * 3. the audit path leads from the entry's leaf hash to the checkpoint's root (RFC 9162 `verifyInclusion`).
 *
 * It never throws: the answer is `ok` with where the entry sits, or a stable `TLOG_*` code and a message. It says
 * nothing about the certificate's status — only that the issuance is on the public record.
 *
 * @example
 * const result = checkLogProof(JSON.parse(saved), keyText, { decoded: decodeQrText(scanned) });
 * if (result.ok) console.log(`recorded in the public log (#${result.index}, checkpoint size ${result.treeSize})`);
 */
import { z } from 'zod';
import type { ErrorCode } from '../error-catalogue';
import { isPermitError } from '../errors';
import { type DecodedQr, keyRefOf, reassembleJws } from '../signing/qr-claims';
import { openCheckpoint } from '../transparency/checkpoint';
import { decodeEntry, type IssuanceEntry, qrRecordSha256 } from '../transparency/entries';
import { leafHash, verifyInclusion } from '../transparency/merkle';
import { noteVerifierFromKey } from '../transparency/verifier';
import { recordsIssuance } from './log-inclusion';

/**
 * What the QR says about the version: its licence number, version and compact JWS — or the decoded QR itself, whose
 * JWS is reassembled with the key ID the entry records (the QR carries only the key's 8-byte reference, which must
 * match it).
 *
 * @example
 * const qr: LogProofQr = { licenceNumber: '(鄂)XK13-001-00001', version: 1, jws };
 * const fromScan: LogProofQr = { decoded: decodeQrText(scanned) };
 */
export type LogProofQr =
  | { readonly licenceNumber: string; readonly version: number; readonly jws: string }
  | { readonly decoded: DecodedQr };

/**
 * The outcome: where the entry sits in which checkpoint, or why the proof does not hold.
 *
 * @example
 * const result: LogProofResult = { ok: false, code: 'TLOG_ENTRY_MISMATCH', message: '…' };
 */
export type LogProofResult =
  | {
      readonly ok: true;
      readonly index: number;
      readonly treeSize: number;
      /** The log's origin (the checkpoint's first line and the key's name). */
      readonly origin: string;
      readonly entry: IssuanceEntry;
    }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const Base64 = z.string().max(200_000).regex(BASE64);
const IncludedLog = z.object({
  state: z.literal('included'),
  index: z.number().int().min(0),
  treeSize: z.number().int().min(1),
  entry: Base64.min(1),
  proof: z.array(Base64).max(64),
  checkpoint: z.string().min(1).max(100_000),
});

const fail = (code: ErrorCode, message: string): LogProofResult => ({ ok: false, code, message });
const bytesOf = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

/**
 * The `log` object of a saved answer: the answer's own `log` member when given the whole answer.
 * `TLOG_PROOF_MALFORMED` when there is none or it is not an included log's shape; `TLOG_NOT_INCLUDED` when its state
 * is pending, missing or unavailable.
 */
function includedLog(saved: unknown): z.output<typeof IncludedLog> | LogProofResult {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
    return fail('TLOG_PROOF_MALFORMED', 'the saved proof is not a JSON object');
  }
  const record = saved as Record<string, unknown>;
  const log = 'state' in record ? record : record.log;
  if (typeof log !== 'object' || log === null) {
    return fail('TLOG_PROOF_MALFORMED', 'the saved answer has no `log` (only online answers carry one)');
  }
  const state = (log as Record<string, unknown>).state;
  if (state !== 'included') {
    return fail('TLOG_NOT_INCLUDED', `the saved answer's log state is ${JSON.stringify(state)}, not "included"`);
  }
  const parsed = IncludedLog.safeParse(log);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('TLOG_PROOF_MALFORMED', `the saved log is malformed at ${issue?.path.join('.') || 'the top'}`);
  }
  return parsed.data;
}

/** The JWS the entry should record, or why there is none: a decoded QR's key reference must match the entry's key. */
function expectedOf(qr: LogProofQr, entry: IssuanceEntry) {
  if (!('decoded' in qr)) {
    return { licenceNumber: qr.licenceNumber, version: qr.version, qrRecordSha256: qrRecordSha256(qr.jws) };
  }
  let sameKey = false;
  try {
    sameKey = Buffer.from(keyRefOf(entry.kid)).equals(Buffer.from(qr.decoded.keyRef));
  } catch (error) {
    if (!isPermitError(error)) throw error;
  }
  if (!sameKey) return undefined;
  const { licenceNo, version } = qr.decoded.claims;
  return { licenceNumber: licenceNo, version, qrRecordSha256: qrRecordSha256(reassembleJws(qr.decoded, entry.kid)) };
}

/**
 * Check a saved inclusion proof against the log's key (text form `<name>+<key ID>+<base64>`) and the QR.
 *
 * @example
 * checkLogProof(answer, 'permit.example/log+1a2b3c4d+AT…', { licenceNumber, version, jws });
 * // { ok: true, index: 17, treeSize: 40, origin: 'permit.example/log', entry }
 */
export function checkLogProof(saved: unknown, logKey: string, qr: LogProofQr): LogProofResult {
  const log = includedLog(saved);
  if ('ok' in log) return log;
  try {
    const verifier = noteVerifierFromKey(logKey);
    const { checkpoint } = openCheckpoint(log.checkpoint, verifier.name, [verifier]);
    if (checkpoint.treeSize !== log.treeSize) {
      return fail(
        'TLOG_PROOF_MALFORMED',
        `the proof claims tree size ${log.treeSize} but its checkpoint is of size ${checkpoint.treeSize}`,
      );
    }
    const entryBytes = bytesOf(log.entry);
    const entry = decodeEntry(entryBytes);
    const expected = entry.type === 'issuance' ? expectedOf(qr, entry) : undefined;
    if (!expected || !recordsIssuance(entry, expected)) {
      const what = entry.type === 'issuance' ? `${entry.licenceNumber} v${entry.version}` : entry.type;
      return fail('TLOG_ENTRY_MISMATCH', `the logged entry (${what}) does not record the issuance of this QR`);
    }
    verifyInclusion({
      index: log.index,
      treeSize: checkpoint.treeSize,
      leafHash: leafHash(entryBytes),
      proof: log.proof.map(bytesOf),
      root: checkpoint.root,
    });
    return { ok: true, index: log.index, treeSize: checkpoint.treeSize, origin: checkpoint.origin, entry };
  } catch (error) {
    if (isPermitError(error)) return fail(error.code, error.message);
    throw error;
  }
}
