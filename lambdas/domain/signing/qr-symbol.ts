/**
 * The QR symbol of a QR text, as every drawing of it needs it: the certificate's vector QR (PDF) and the console's
 * inline SVG draw the very same symbol — error correction M, the URL prefix in byte mode and an upper-case Base32
 * payload in alphanumeric mode — from its horizontal runs of dark modules.
 *
 * @example
 * const { size, runs } = qrModules(version.qrText);
 * runs.map((r) => `${r.col} ${r.row} ${r.length} 1 re`); // one rectangle per run
 */
import * as QRCode from 'qrcode';
import { QR_PATH } from './qr-claims';

/**
 * QR segments for a QR text: the URL prefix in byte mode and an upper-case Base32 payload in alphanumeric mode
 * (5.5 bits per character instead of 8); any other text is one byte-mode segment.
 *
 * @example
 * QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'M' }).version; // ≤ 10 for Permit QR texts
 */
export function qrSegments(qrText: string): QRCode.QRCodeSegment[] {
  const at = qrText.lastIndexOf(QR_PATH) + QR_PATH.length;
  const payload = qrText.slice(at);
  if (at < QR_PATH.length || !/^[A-Z2-7]+$/.test(payload)) {
    return [{ mode: 'byte', data: new TextEncoder().encode(qrText) }];
  }
  return [
    { mode: 'byte', data: new TextEncoder().encode(qrText.slice(0, at)) },
    { mode: 'alphanumeric', data: payload },
  ];
}

/** A horizontal run of dark modules: `length` modules from (`col`, `row`), row 0 at the top. */
export interface QrRun {
  readonly row: number;
  readonly col: number;
  readonly length: number;
}

export interface QrModules {
  readonly version: number;
  /** Modules per side (without the quiet zone). */
  readonly size: number;
  readonly runs: readonly QrRun[];
}

/**
 * The symbol (error correction M) of `qrText` as runs of dark modules.
 *
 * @example
 * qrModules('https://permit.example.gov.cn/v/ABC').size; // 25 (version 2)
 */
export function qrModules(qrText: string): QrModules {
  const { version, size: n, data } = qrSymbolM(qrText);
  const runs: QrRun[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return { version, size: n, runs };
}

/**
 * The same symbol as `QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'M' })`, module for module, with the
 * mask chosen faster: qrcode scores the eight masks through per-module method calls (~1 ms a certificate). Here the
 * symbol is built once with mask 0, and each mask's symbol is that XOR a per-version difference pattern (qrcode's
 * own symbols with mask 0 and mask p, format information included), scored with the same rules in flat loops.
 */
function qrSymbolM(qrText: string): { version: number; size: number; data: Uint8Array } {
  const segments = qrSegments(qrText);
  const first = QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const version = first.version;
  const size = first.modules.size;
  const cells = size * size;
  const { differences, transposed } = maskDifferences(segments, version, first.modules.data);
  // Whole 32-bit words (zero padding at the end): each candidate is four modules per XOR.
  const words = Math.ceil(cells / 4);
  const base = new Uint8Array(words * 4);
  base.set(first.modules.data);
  const baseT = transpose(base, size);
  const [base32, baseT32] = [new Uint32Array(base.buffer), new Uint32Array(baseT.buffer)];
  const candidate = new Uint8Array(words * 4);
  const candidateT = new Uint8Array(words * 4);
  const [candidate32, candidateT32] = [new Uint32Array(candidate.buffer), new Uint32Array(candidateT.buffer)];
  let best = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let p = 0; p < 8; p++) {
    const diff = differences[p] as Uint32Array;
    const diffT = transposed[p] as Uint32Array;
    for (let i = 0; i < words; i++) candidate32[i] = (base32[i] as number) ^ (diff[i] as number);
    // Penalties are never negative: once the rows alone reach the best total, this mask cannot win.
    let penalty = rowPenalty(candidate, size);
    if (penalty >= lowest) continue;
    for (let i = 0; i < words; i++) candidateT32[i] = (baseT32[i] as number) ^ (diffT[i] as number);
    penalty += linePenalty(candidateT, size);
    if (penalty < lowest) {
      lowest = penalty;
      best = p;
    }
  }
  const data = base.slice(0, cells);
  const diff = new Uint8Array((differences[best] as Uint32Array).buffer);
  for (let i = 0; i < cells; i++) data[i] = (data[i] as number) ^ (diff[i] as number);
  return { version, size, data };
}

interface MaskDifferences {
  /** For each mask p, the XOR taking qrcode's mask-0 symbol to its mask-p symbol (row-major, zero-padded words). */
  readonly differences: readonly Uint32Array[];
  /** The same, transposed. */
  readonly transposed: readonly Uint32Array[];
}

/** Per version (the masks and the format and version information depend only on it at level M). */
const differencesByVersion = new Map<number, MaskDifferences>();

function maskDifferences(segments: QRCode.QRCodeSegment[], version: number, base: Uint8Array): MaskDifferences {
  let found = differencesByVersion.get(version);
  if (!found) {
    const size = Math.sqrt(base.length);
    const padded = Math.ceil(base.length / 4) * 4;
    const differences: Uint8Array[] = [];
    for (let p = 0; p < 8; p++) {
      const maskPattern = p as QRCode.QRCodeMaskPattern;
      const other = QRCode.create(segments, { errorCorrectionLevel: 'M', version, maskPattern }).modules.data;
      const diff = new Uint8Array(padded);
      for (let i = 0; i < base.length; i++) diff[i] = (base[i] as number) ^ (other[i] as number);
      differences.push(diff);
    }
    found = {
      differences: differences.map((d) => new Uint32Array(d.buffer)),
      transposed: differences.map((d) => new Uint32Array(transpose(d, size).buffer)),
    };
    differencesByVersion.set(version, found);
  }
  return found;
}

/**
 * qrcode's mask penalty (`getPenaltyN1` … `N4`, the same quirks included) over the rows of a row-major matrix: N1 and
 * N3 along the rows, N2 (2×2 blocks) and N4 (dark proportion). The columns' N1 and N3 are {@link linePenalty} of the
 * transpose.
 */
function rowPenalty(d: Uint8Array, size: number): number {
  let n2 = 0;
  let dark = 0;
  for (let row = 0; row < size - 1; row++) {
    for (let i = row * size, end = i + size - 1; i < end; i++) {
      const sum = (d[i] as number) + (d[i + 1] as number) + (d[i + size] as number) + (d[i + size + 1] as number);
      n2 += ((sum & 3) - 1) >>> 31; // sum is 0 or 4: a one-colour 2×2 block
    }
  }
  const cells = size * size;
  for (let i = 0; i < cells; i++) dark += d[i] as number;
  const k = Math.abs(Math.ceil((dark * 100) / cells / 5) - 10);
  return linePenalty(d, size) + n2 * 3 + k * 10;
}

/**
 * N1 (runs of five or more) and N3 (finder-like 1:1:3:1:1 patterns) along the rows of a row-major matrix. Without
 * branches on module values (`(x - 1) >>> 31` is 1 when x is 0, else 0), which random-looking symbols mispredict:
 * a run of length L ≥ 5 scores 3 at its fifth module and 1 at each further one, qrcode's 3 + (L − 5).
 */
function linePenalty(d: Uint8Array, size: number): number {
  let n1 = 0;
  let n3 = 0;
  for (let row = 0; row < size; row++) {
    const first = row * size;
    let last = d[first] as number;
    let same = 1;
    let bits = last;
    for (let col = 1, i = first + 1; col < size; col++, i++) {
      const a = d[i] as number;
      same = (same & -(((a ^ last) - 1) >>> 31)) + 1;
      last = a;
      n1 += 3 * (((same ^ 5) - 1) >>> 31) + ((5 - same) >>> 31);
      bits = ((bits << 1) & 0x7ff) | a;
      if (col >= 10) n3 += (((bits ^ 0x5d0) - 1) >>> 31) + (((bits ^ 0x05d) - 1) >>> 31);
    }
  }
  return n1 + n3 * 40;
}

/** The transpose of a row-major square matrix (keeping any padding after the last row). */
function transpose(d: Uint8Array, size: number): Uint8Array {
  const t = new Uint8Array(d.length);
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) t[col * size + row] = d[row * size + col] as number;
  return t;
}
