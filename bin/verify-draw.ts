/**
 * Re-run a supervision draw from what was published, and say whether it matches.
 *
 *   npm run verify-draw -- https://permit.example/v1/supervision/plans/PLAN-2026-07   # a public plan (or record) URL
 *   npm run verify-draw -- record.json                                               # a saved record (or plan)
 *
 * Prints one line: `match — plan …: 30 checks drawn from 500 enterprises, 20 inspectors; seed …`, or
 * `MISMATCH — plan …: <the first difference: what, where, expected vs found>`. The work is in `verify-draw-lib.ts`.
 *
 * Exit codes: 0 match; 1 mismatch; 2 usage error, a file or URL that cannot be read, a document that is not a record or
 * a plan, a plan not drawn yet (the message on stderr).
 */
import { readFile, stat } from 'node:fs/promises';
import { fetchJsonOverHttp, MAX_DOCUMENT_BYTES, runVerifyDraw } from './verify-draw-lib';

runVerifyDraw(process.argv.slice(2), {
  fetchJson: fetchJsonOverHttp,
  readText: async (path) => {
    // Refuse a huge file before reading it into memory.
    if ((await stat(path)).size > MAX_DOCUMENT_BYTES) throw new Error('larger than 64 MiB: not a draw record');
    return readFile(path, 'utf8');
  },
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then((code) => {
  process.exitCode = code;
});
