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
  const base = first.modules.data;
  const { differences, transposed } = maskDifferences(segments, version, base);
  const baseT = transpose(base, size);
  const candidate = new Uint8Array(base.length);
  const candidateT = new Uint8Array(base.length);
  let best = base;
  let lowest = Number.POSITIVE_INFINITY;
  for (let p = 0; p < 8; p++) {
    const diff = differences[p] as Uint8Array;
    const diffT = transposed[p] as Uint8Array;
    for (let i = 0; i < base.length; i++) {
      candidate[i] = (base[i] as number) ^ (diff[i] as number);
      candidateT[i] = (baseT[i] as number) ^ (diffT[i] as number);
    }
    const penalty = maskPenalty(candidate, candidateT, size);
    if (penalty < lowest) {
      lowest = penalty;
      best = p === 0 ? base : Uint8Array.from(candidate);
    }
  }
  return { version, size, data: best };
}

interface MaskDifferences {
  /** For each mask p, the XOR taking qrcode's mask-0 symbol to its mask-p symbol (row-major). */
  readonly differences: readonly Uint8Array[];
  /** The same, transposed. */
  readonly transposed: readonly Uint8Array[];
}

/** Per version (the masks and the format and version information depend only on it at level M). */
const differencesByVersion = new Map<number, MaskDifferences>();

function maskDifferences(segments: QRCode.QRCodeSegment[], version: number, base: Uint8Array): MaskDifferences {
  let found = differencesByVersion.get(version);
  if (!found) {
    const size = Math.sqrt(base.length);
    const differences: Uint8Array[] = [];
    for (let p = 0; p < 8; p++) {
      const maskPattern = p as QRCode.QRCodeMaskPattern;
      const other = QRCode.create(segments, { errorCorrectionLevel: 'M', version, maskPattern }).modules.data;
      differences.push(base.map((v, i) => v ^ (other[i] as number)));
    }
    found = { differences, transposed: differences.map((d) => transpose(d, size)) };
    differencesByVersion.set(version, found);
  }
  return found;
}

/** qrcode's mask penalty (`getPenaltyN1` … `N4`, the same quirks included) of a row-major matrix and its transpose. */
function maskPenalty(d: Uint8Array, transposed: Uint8Array, size: number): number {
  let n2 = 0;
  for (let row = 0; row < size - 1; row++) {
    for (let i = row * size, end = i + size - 1; i < end; i++) {
      const sum = (d[i] as number) + (d[i + 1] as number) + (d[i + size] as number) + (d[i + size + 1] as number);
      if (sum === 4 || sum === 0) n2++;
    }
  }
  let dark = 0;
  for (let i = 0; i < d.length; i++) dark += d[i] as number;
  const k = Math.abs(Math.ceil((dark * 100) / d.length / 5) - 10);
  return linePenalty(d, size) + linePenalty(transposed, size) + n2 * 3 + k * 10;
}

/** N1 (runs of five or more) and N3 (finder-like 1:1:3:1:1 patterns) along the rows of a row-major matrix. */
function linePenalty(d: Uint8Array, size: number): number {
  let n1 = 0;
  let n3 = 0;
  for (let row = 0; row < size; row++) {
    let same = 0;
    let last = -1;
    let bits = 0;
    for (let col = 0, i = row * size; col < size; col++, i++) {
      const a = d[i] as number;
      if (a === last) same++;
      else {
        if (same >= 5) n1 += 3 + (same - 5);
        last = a;
        same = 1;
      }
      bits = ((bits << 1) & 0x7ff) | a;
      if (col >= 10 && (bits === 0x5d0 || bits === 0x05d)) n3++;
    }
    if (same >= 5) n1 += 3 + (same - 5);
  }
  return n1 + n3 * 40;
}

function transpose(d: Uint8Array, size: number): Uint8Array {
  const t = new Uint8Array(d.length);
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) t[col * size + row] = d[row * size + col] as number;
  return t;
}
