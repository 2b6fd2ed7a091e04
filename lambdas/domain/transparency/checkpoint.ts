/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) inside a C2SP signed note (https://c2sp.org/signed-note):
 * the log's signed tree head.
 *
 * Checkpoint body: the origin line, the tree size in decimal (no leading zeros), the root hash in standard base64, then
 * optional non-empty extension lines, each line ending in a newline. A signed note is that text, a blank line, and one
 * or more lines `— <key name> <base64(key ID (4 bytes) ‖ signature)>`. For Ed25519 the key ID is
 * SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4].
 *
 * The domain signs and verifies through functions passed in (a KMS or local key in the adapters, Node's Ed25519 in a
 * verifier), so it holds no key and imports no signature provider — only the hash for the key ID.
 *
 * @example
 * const note = await signNote(formatCheckpoint({ origin, treeSize, root, extensions: [] }), [logSigner]);
 * const { checkpoint } = openCheckpoint(note, origin, [logVerifier]);
 */

import { sha256 } from '../encoding';
import { UnprocessableError, ValidationError } from '../errors';
import { HASH_SIZE, type Hash } from './merkle';

/**
 * A checkpoint: the log's origin, a tree size and its root hash, and any extension lines.
 *
 * @example
 * const checkpoint: Checkpoint = { origin: 'permit.example/log', treeSize: 8, root, extensions: [] };
 */
export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly root: Hash;
  readonly extensions: readonly string[];
}

/**
 * A note signer: the key's name and 4-byte key ID, and the signing operation (a port the adapters implement).
 *
 * @example
 * const signer: NoteSigner = { name, keyId: ed25519KeyId(name, publicKey), sign: (m) => kms.sign(m) };
 */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/**
 * A note verifier: a trusted key's name and key ID, and the check of a signature over the note text.
 *
 * @example
 * const verifier: NoteVerifier = { name, keyId, verify: (m, s) => crypto.verify(null, m, publicKey, s) };
 */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * One signature line of a note.
 *
 * @example
 * const line: NoteSignature = { name: 'PeterNeumann', keyId: 'c74f20a3', signature };
 */
export interface NoteSignature {
  readonly name: string;
  /** The key ID as 8 lower-case hex digits. */
  readonly keyId: string;
  readonly signature: Uint8Array;
}

/**
 * An opened note: its text, the signatures of trusted keys that verified, and the signatures of unknown keys
 * (ignored, as the spec requires; witnesses' cosignatures arrive here).
 *
 * @example
 * const { text, verified } = openNote(note, [logVerifier]);
 */
export interface OpenedNote {
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  readonly unknown: readonly NoteSignature[];
}

const MAX_SIGNATURES = 100;
const ED25519_TYPE = 0x01;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const KEY_NAME = /^[^\s+]+$/u;

/**
 * The key ID of an Ed25519 note key: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4].
 *
 * @example
 * toHex(ed25519KeyId('PeterNeumann', publicKey)); // 'c74f20a3'
 */
export function ed25519KeyId(name: string, publicKey: Uint8Array): Uint8Array {
  assertKeyName(name);
  if (publicKey.length !== 32) throw malformed('an Ed25519 public key is 32 bytes');
  return sha256(utf8(`${name}\n`), new Uint8Array([ED25519_TYPE]), publicKey).slice(0, 4);
}

/**
 * The text of a checkpoint (the note body, ending in a newline).
 *
 * @example
 * formatCheckpoint({ origin: 'permit.example/log', treeSize: 0, root: emptyRoot(), extensions: [] });
 * // 'permit.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, root, extensions } = checkpoint;
  if (origin === '' || hasControl(origin) || origin.includes('\n'))
    throw checkpointMalformed('the origin is empty or not one line');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0)
    throw checkpointMalformed('the tree size is not a natural number');
  if (root.length !== HASH_SIZE) throw checkpointMalformed('the root is not a 32-byte hash');
  if (extensions.some((line) => line === '' || hasControl(line) || line.includes('\n'))) {
    throw checkpointMalformed('an extension line is empty or not one line');
  }
  return [origin, String(treeSize), Buffer.from(root).toString('base64'), ...extensions].map((l) => `${l}\n`).join('');
}

/**
 * A checkpoint from its text, refusing anything but the exact format (`TLOG_CHECKPOINT_MALFORMED`).
 *
 * @example
 * parseCheckpoint('permit.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n'); // { treeSize: 8, … }
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw checkpointMalformed('the text does not end in a newline');
  const [origin = '', size = '', rootLine = '', ...extensions] = text.slice(0, -1).split('\n');
  if (origin === '') throw checkpointMalformed('the origin line is empty');
  if (!/^(?:0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw checkpointMalformed('the tree size is not a decimal number without leading zeros');
  }
  const root = BASE64.test(rootLine) ? Buffer.from(rootLine, 'base64') : undefined;
  if (root?.length !== HASH_SIZE) throw checkpointMalformed('the root hash is not a base64 32-byte hash');
  if (extensions.some((line) => line === '')) throw checkpointMalformed('an extension line is empty');
  if (hasControl(text)) throw checkpointMalformed('the text has control characters');
  return { origin, treeSize: Number(size), root: new Uint8Array(root), extensions };
}

/**
 * Sign a note text (ending in a newline) with each signer, giving the signed note.
 *
 * @example
 * await signNote('hello\n', [signer]); // 'hello\n\n— name base64…\n'
 */
export async function signNote(text: string, signers: readonly NoteSigner[]): Promise<string> {
  assertNoteText(text);
  if (signers.length === 0) throw malformed('a signed note needs at least one signature');
  const message = utf8(text);
  const lines: string[] = [];
  for (const signer of signers) {
    assertKeyName(signer.name);
    if (signer.keyId.length !== 4) throw malformed('a key ID is 4 bytes');
    const signature = await signer.sign(message);
    const body = Buffer.concat([signer.keyId, signature]).toString('base64');
    lines.push(`— ${signer.name} ${body}\n`);
  }
  return `${text}\n${lines.join('')}`;
}

/**
 * Open a signed note: parse it (`TLOG_NOTE_MALFORMED`), verify every signature whose key name and ID match a trusted
 * verifier (a failing one is `TLOG_NOTE_SIGNATURE_INVALID`), ignore the others, and insist that at least one verified
 * (`TLOG_NOTE_UNVERIFIED`).
 *
 * @example
 * openNote(note, [verifier]).text; // the signed text
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const message = utf8(text);
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  for (const sig of signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && hex(v.keyId) === sig.keyId);
    if (!verifier) {
      unknown.push(sig);
      continue;
    }
    if (!verifier.verify(message, sig.signature)) {
      throw new UnprocessableError('TLOG_NOTE_SIGNATURE_INVALID', `the signature of ${sig.name}+${sig.keyId} fails`, {
        key: `${sig.name}+${sig.keyId}`,
      });
    }
    if (!verified.some((v) => v.name === sig.name && v.keyId === sig.keyId)) verified.push(sig);
  }
  if (verified.length === 0) {
    throw new UnprocessableError('TLOG_NOTE_UNVERIFIED', 'the note has no signature by a trusted key');
  }
  return { text, verified, unknown };
}

/**
 * Open a signed checkpoint from the log with this origin: the note verified ({@link openNote}), its text a
 * checkpoint, its origin the expected one (`TLOG_CHECKPOINT_MALFORMED` otherwise).
 *
 * @example
 * const { checkpoint } = openCheckpoint(await fetchText('/log/checkpoint'), 'permit.example/log', [logVerifier]);
 */
export function openCheckpoint(
  note: string,
  origin: string,
  verifiers: readonly NoteVerifier[],
): OpenedNote & { readonly checkpoint: Checkpoint } {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== origin) throw checkpointMalformed(`the origin is not ${origin}`);
  return { ...opened, checkpoint };
}

/**
 * Split a signed note into its text and signature lines, refusing anything malformed (`TLOG_NOTE_MALFORMED`).
 *
 * @example
 * parseNote(note).signatures[0]?.name; // 'PeterNeumann'
 */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  if (hasControl(note) || note.includes('\ufffd')) throw malformed('control characters or invalid UTF-8');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw malformed('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    const match = /^— (\S+) (\S+)$/u.exec(line);
    const [, name = '', body = ''] = match ?? [];
    if (!match || !KEY_NAME.test(name) || !BASE64.test(body)) throw malformed(`not a signature line: ${line}`);
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length < 5) throw malformed('a signature shorter than its key ID');
    return { name, keyId: hex(bytes.subarray(0, 4)), signature: new Uint8Array(bytes.subarray(4)) };
  });
  return { text, signatures };
}

function assertNoteText(text: string): void {
  if (!text.endsWith('\n') || hasControl(text)) {
    throw malformed('a note text ends in a newline and has no control characters');
  }
}

function assertKeyName(name: string): void {
  if (!KEY_NAME.test(name)) throw malformed(`key name ${JSON.stringify(name)} is empty or has a space or a plus`);
}

/** An ASCII control character other than newline (below U+0020): the note format forbids them. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return false;
}

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const malformed = (why: string) => new ValidationError('TLOG_NOTE_MALFORMED', `malformed signed note: ${why}`);
const checkpointMalformed = (why: string) =>
  new ValidationError('TLOG_CHECKPOINT_MALFORMED', `malformed checkpoint: ${why}`);

/**
 * An Ed25519 note verifier key in the golang.org/x/mod/sumdb/note text form — `<name>+<key ID hex>+<base64(0x01 ‖
 * public key)>` — how the log publishes its key (beside the JWKS) and how monitors configure it.
 *
 * @example
 * formatVerifierKey('permit.example/log', publicKey); // 'permit.example/log+1a2b3c4d+AT…'
 */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  const keyId = ed25519KeyId(name, publicKey);
  const body = Buffer.concat([new Uint8Array([ED25519_TYPE]), publicKey]).toString('base64');
  return `${name}+${hex(keyId)}+${body}`;
}

/**
 * Parse a verifier key ({@link formatVerifierKey}): its name, key ID and raw Ed25519 public key, refusing another key
 * type, a wrong length or a key ID that does not match (`TLOG_NOTE_MALFORMED`).
 *
 * @example
 * const { name, keyId, publicKey } = parseVerifierKey(text);
 */
export function parseVerifierKey(text: string): { name: string; keyId: Uint8Array; publicKey: Uint8Array } {
  const match = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/u.exec(text.trim());
  const [, name = '', keyIdHex = '', body = ''] = match ?? [];
  if (!match || !BASE64.test(body)) throw malformed('a verifier key is <name>+<8 hex digits>+<base64>');
  const bytes = new Uint8Array(Buffer.from(body, 'base64'));
  if (bytes.length !== 33 || bytes[0] !== ED25519_TYPE) throw malformed('the verifier key is not an Ed25519 key');
  const publicKey = bytes.slice(1);
  const keyId = ed25519KeyId(name, publicKey);
  if (hex(keyId) !== keyIdHex) throw malformed('the verifier key ID does not match its key');
  return { name, keyId, publicKey };
}
