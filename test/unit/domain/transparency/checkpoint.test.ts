/**
 * Checkpoints and signed notes against the vectors of golang.org/x/mod/sumdb/note (`note_test.go`: the PeterNeumann
 * key, its key ID, its signed note, and EnochRoot's signature as an unknown key) and the examples of the C2SP
 * signed-note and tlog-checkpoint specs. Ed25519 itself is Node's, in the test only: the domain takes sign/verify in.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type Checkpoint,
  ed25519KeyId,
  formatCheckpoint,
  type NoteSigner,
  type NoteVerifier,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  signNote,
} from '../../../../lambdas/domain/transparency/checkpoint';
import { emptyRoot } from '../../../../lambdas/domain/transparency/merkle';
import { codeOf } from '../../../support/thrown';

// golang.org/x/mod/sumdb/note note_test.go: "PeterNeumann+c74f20a3+<base64(0x01 ‖ public key)>" and the private key
// "PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 ‖ seed)>".
const PETER_PUBLIC = Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1);
const PETER_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const privateKey = (seed: Uint8Array) =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
const publicKey = (raw: Uint8Array) =>
  createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
    format: 'der',
    type: 'spki',
  });

const signerFor = (name: string, seed: Uint8Array, pub: Uint8Array): NoteSigner => ({
  name,
  keyId: ed25519KeyId(name, pub),
  sign: async (message) => new Uint8Array(sign(null, message, privateKey(seed))),
});
const verifierFor = (name: string, pub: Uint8Array): NoteVerifier => ({
  name,
  keyId: ed25519KeyId(name, pub),
  verify: (message, signature) => verify(null, message, publicKey(pub), signature),
});
const peterSigner = signerFor('PeterNeumann', PETER_SEED, PETER_PUBLIC);
const peter = verifierFor('PeterNeumann', PETER_PUBLIC);

describe('signed notes (golang.org/x/mod/sumdb/note vectors)', () => {
  it('derives the key ID c74f20a3 for PeterNeumann', () => {
    expect(Buffer.from(ed25519KeyId('PeterNeumann', PETER_PUBLIC)).toString('hex')).toBe('c74f20a3');
  });

  it('signs the text into exactly the reference note', async () => {
    // Act
    const note = await signNote(TEXT, [peterSigner]);

    // Assess
    expect(note).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('opens the reference note, verifying the trusted key and setting aside the unknown one', () => {
    // Act
    const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);

    // Assess
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => `${s.name}+${s.keyId}`)).toEqual(['PeterNeumann+c74f20a3']);
    expect(opened.unknown.map((s) => `${s.name}+${s.keyId}`)).toEqual(['EnochRoot+af0cfe78']);
  });

  it('refuses a note with no trusted signature, and one whose trusted signature fails', () => {
    expect(codeOf(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [peter]))).toBe('TLOG_NOTE_UNVERIFIED');
    const corrupted = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(codeOf(() => openNote(`${TEXT}\n${corrupted}`, [peter]))).toBe('TLOG_NOTE_SIGNATURE_INVALID');
    expect(codeOf(() => openNote(`${TEXT.replace('you', 'we')}\n${PETER_SIG}`, [peter]))).toBe(
      'TLOG_NOTE_SIGNATURE_INVALID',
    );
  });

  it('refuses the reference set of malformed notes', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      `\ufffd${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
    ];
    expect(bad.map((note) => codeOf(() => openNote(note, [peter])))).toEqual(bad.map(() => 'TLOG_NOTE_MALFORMED'));
  });

  it('refuses to sign a text without its final newline, or with a key name holding a space or a plus', async () => {
    await expect(signNote('abc', [peterSigner])).rejects.toMatchObject({ code: 'TLOG_NOTE_MALFORMED' });
    expect(codeOf(() => ed25519KeyId('a+b', PETER_PUBLIC))).toBe('TLOG_NOTE_MALFORMED');
    expect(codeOf(() => ed25519KeyId('a b', PETER_PUBLIC))).toBe('TLOG_NOTE_MALFORMED');
  });
});

describe('checkpoints', () => {
  const origin = 'permit.example/log';
  const root = new Uint8Array(Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex'));

  it('parses the C2SP tlog-checkpoint example body', () => {
    const checkpoint = parseCheckpoint(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(checkpoint).toMatchObject({ origin: 'example.com/behind-the-sofa', treeSize: 20852163, extensions: [] });
    expect(Buffer.from(checkpoint.root).toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
  });

  it('formats origin, size and base64 root with extension lines, and parses it back', () => {
    // Prepare
    const checkpoint: Checkpoint = { origin, treeSize: 8, root, extensions: ['ext one'] };

    // Act
    const text = formatCheckpoint(checkpoint);

    // Assess
    expect(text).toBe(`${origin}\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\next one\n`);
    expect(parseCheckpoint(text)).toEqual(checkpoint);
    expect(formatCheckpoint({ origin, treeSize: 0, root: emptyRoot(), extensions: [] })).toBe(
      `${origin}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`,
    );
  });

  it('signs a checkpoint and opens it for its own origin only', async () => {
    // Prepare
    const signer = signerFor(origin, PETER_SEED, PETER_PUBLIC);
    const note = await signNote(formatCheckpoint({ origin, treeSize: 8, root, extensions: [] }), [signer]);

    // Act
    const opened = openCheckpoint(note, origin, [verifierFor(origin, PETER_PUBLIC)]);

    // Assess
    expect(opened.checkpoint).toEqual({ origin, treeSize: 8, root, extensions: [] });
    expect(codeOf(() => openCheckpoint(note, 'other.example/log', [verifierFor(origin, PETER_PUBLIC)]))).toBe(
      'TLOG_CHECKPOINT_MALFORMED',
    );
  });

  it('refuses malformed checkpoint bodies', () => {
    const r = 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=';
    const bad = [
      `${origin}\n8\n${r}`,
      `\n8\n${r}\n`,
      `${origin}\n08\n${r}\n`,
      `${origin}\n-1\n${r}\n`,
      `${origin}\n8\n${r.slice(4)}\n`,
      `${origin}\n8\n${r}\n\n`,
      `${origin}\n8\n`,
      `${origin}\n99999999999999999999\n${r}\n`,
    ];
    expect(bad.map((text) => codeOf(() => parseCheckpoint(text)))).toEqual(bad.map(() => 'TLOG_CHECKPOINT_MALFORMED'));
    expect(codeOf(() => formatCheckpoint({ origin: 'a\nb', treeSize: 1, root, extensions: [] }))).toBe(
      'TLOG_CHECKPOINT_MALFORMED',
    );
  });
});
