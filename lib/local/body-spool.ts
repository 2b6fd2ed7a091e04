/**
 * Holds a request body until it has been checked, so that nothing reaches storage before it is accepted (S3 "never
 * stores partial objects"; the emulator behind the front writes whatever arrives, even from an aborted upload).
 * Small bodies stay in memory; past `memoryLimit` bytes the body goes to a temporary file, so a large upload costs
 * disk, not memory. The SHA-256 and size are computed on the way in.
 *
 * @example
 * const spool = new BodySpool({ directory: spoolDir });
 * await pipeline(req, spool);
 * if (spool.sha256 === expected) await pipeline(spool.stream(), upstream);
 * await spool.dispose();
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';

export interface BodySpoolOptions {
  /** Where bodies larger than `memoryLimit` are written; must exist. */
  readonly directory: string;
  /** Bytes kept in memory before spilling to a file (default 1 MiB). */
  readonly memoryLimit?: number;
}

export class BodySpool extends Writable {
  #size = 0;
  #chunks: Buffer[] = [];
  #file: { readonly path: string; readonly stream: WriteStream } | undefined;
  readonly #hash = createHash('sha256');
  #sha256: string | undefined;
  readonly #options: Required<BodySpoolOptions>;

  constructor(options: BodySpoolOptions) {
    super();
    this.#options = { memoryLimit: 1024 * 1024, ...options };
  }

  /** Bytes received so far. */
  get size(): number {
    return this.#size;
  }

  /** Hex SHA-256 of the whole body; available once the spool has finished. */
  get sha256(): string {
    if (this.#sha256 === undefined) throw new Error('the body has not been received completely');
    return this.#sha256;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#size += chunk.length;
    this.#hash.update(chunk);
    if (!this.#file && this.#size <= this.#options.memoryLimit) {
      this.#chunks.push(chunk);
      callback();
      return;
    }
    if (!this.#file) {
      const path = join(this.#options.directory, `body-${randomBytes(8).toString('hex')}`);
      this.#file = { path, stream: createWriteStream(path, { flags: 'wx' }) };
      this.#file.stream.on('error', (error) => this.destroy(error));
      for (const buffered of this.#chunks.splice(0)) this.#file.stream.write(buffered);
    }
    // The file stream's callback fires once the chunk is written: back-pressure reaches the request.
    this.#file.stream.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#sha256 = this.#hash.digest('hex');
    if (!this.#file) {
      callback();
      return;
    }
    this.#file.stream.end(callback);
  }

  /** The body, from the start, as a stream. */
  stream(): Readable {
    return this.#file ? createReadStream(this.#file.path) : Readable.from(this.#chunks);
  }

  /** Remove the temporary file, if any. */
  async dispose(): Promise<void> {
    this.#chunks = [];
    const file = this.#file;
    this.#file = undefined;
    if (file) {
      file.stream.destroy();
      await rm(file.path, { force: true });
    }
  }
}
