/**
 * JPEG well-formedness, to the last byte: `SOI`, then marker segments (each length inside the file), a frame header
 * (`SOFn`) before the first scan, each scan's entropy-coded data up to the next marker (stuffed `FF 00` and restart
 * markers skipped), and `EOI` as the very last two bytes. The image is not decoded.
 *
 * @example
 * inspectJpeg(bytes); // undefined when well formed
 */
import { type ContentProblem, malformed, trailingData } from './problem';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const isRestart = (m: number) => m >= 0xd0 && m <= 0xd7;
/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** The offset of the marker that ends the entropy-coded data starting at `pos`, or -1 when the file ends first. */
function endOfEntropyData(bytes: Uint8Array, from: number): number {
  let pos = from;
  for (;;) {
    const ff = bytes.indexOf(0xff, pos);
    if (ff === -1 || ff + 1 >= bytes.length) return -1;
    const next = bytes[ff + 1] as number;
    if (next === 0x00 || isRestart(next)) pos = ff + 2;
    else if (next === 0xff) pos = ff + 1;
    else return ff;
  }
}

/**
 * Walk a JPEG segment by segment; undefined when it is well formed and ends at `EOI`.
 *
 * @example
 * inspectJpeg(jpegWithZipAppended)?.code; // 'DOCUMENT_TRAILING_DATA'
 */
export function inspectJpeg(bytes: Uint8Array): ContentProblem | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return malformed('the file does not start with the JPEG SOI marker');
  let pos = 2;
  let sawFrame = false;
  let sawScan = false;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) return malformed(`expected a JPEG marker at byte ${pos}`);
    while (bytes[pos] === 0xff) pos++; // fill bytes
    if (pos >= bytes.length) break;
    const marker = bytes[pos++] as number;
    if (marker === EOI) {
      if (!sawScan) return malformed('the JPEG ends before any image data (no SOS)');
      return pos === bytes.length ? undefined : trailingData(bytes.length - pos, 'the JPEG end-of-image marker');
    }
    if (marker === 0x00 || marker === SOI) return malformed(`unexpected JPEG marker 0x${marker.toString(16)}`);
    if (isRestart(marker) || marker === 0x01) continue; // markers without a length
    if (pos + 2 > bytes.length) break;
    const length = ((bytes[pos] as number) << 8) | (bytes[pos + 1] as number);
    if (length < 2 || pos + length > bytes.length) {
      return malformed(`the JPEG segment 0x${marker.toString(16)} at byte ${pos - 2} runs past the end of the file`);
    }
    if (isFrame(marker)) sawFrame = true;
    pos += length;
    if (marker === SOS) {
      if (!sawFrame) return malformed('the JPEG has a scan before its frame header');
      sawScan = true;
      pos = endOfEntropyData(bytes, pos);
      if (pos === -1) break;
    }
  }
  return malformed('the JPEG is cut off: no end-of-image marker (EOI)');
}
