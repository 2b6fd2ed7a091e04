/**
 * A note verifier from the log's published key text (`<name>+<key ID>+<base64>`, `formatVerifierKey`): what a
 * monitor or an offline verifier trusts. Ed25519 with Node's own crypto — the raw 32-byte key wrapped in its SPKI
 * prefix — so a verifier needs nothing but the key text.
 *
 * @example
 * const verifier = noteVerifierFromKey(await readFile('log-key.txt', 'utf8'));
 * const { checkpoint } = openCheckpoint(note, verifier.name, [verifier]);
 */
import { createPublicKey, verify } from 'node:crypto';
import { type NoteVerifier, parseVerifierKey } from './checkpoint';

/** DER SPKI header of an Ed25519 public key (RFC 8410): the raw 32 bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * The verifier of a key in its text form; a malformed key text is `TLOG_NOTE_MALFORMED` ({@link parseVerifierKey}).
 *
 * @example
 * noteVerifierFromKey('permit.example/log+1a2b3c4d+AT…').name; // 'permit.example/log'
 */
export function noteVerifierFromKey(text: string): NoteVerifier {
  const { name, keyId, publicKey } = parseVerifierKey(text);
  const key = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]),
    format: 'der',
    type: 'spki',
  });
  const check = (message: Uint8Array, signature: Uint8Array): boolean => {
    try {
      return verify(null, message, key, signature);
    } catch {
      return false; // a signature of the wrong length: not this key's
    }
  };
  return { name, keyId, verify: check };
}
