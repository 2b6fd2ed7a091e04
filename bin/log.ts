/**
 * The transparency log's command line: an independent monitor.
 *
 *   npm run log -- monitor --url https://permit.example                      # first run: trusts the log's own key
 *   npm run log -- monitor --url https://permit.example --key log-key.txt    # a key you got elsewhere (text or file)
 *   … --state monitor.json                                                    # where it remembers (default
 *                                                                             #   log-monitor-state.json)
 *   … --json                                                                  # the report as JSON
 *
 * Each run fetches the signed checkpoint and every tile and entry bundle, recomputes the tree, decodes every entry and
 * checks the log only grew since the checkpoint it last accepted (no fork, rollback or rewritten history); then it
 * remembers the new checkpoint. Run it from cron. The work is in `log-monitor-lib.ts`; `docs/transparency-log.md`
 * ("Monitoring the log") says what each problem means.
 *
 * Exit codes: 0 consistent; 1 a problem found (fork, rollback, rewrite, a tampered or missing tile or bundle, a
 * malformed entry, a bad signature); 2 usage error, or the run could not complete (service unreachable).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { runLogCommand } from './log-monitor-lib';

runLogCommand(process.argv.slice(2), {
  fetch: (url, init) => fetch(url, init),
  readText: async (path) => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  writeText: (path, text) => writeFile(path, text, 'utf8'),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  now: () => new Date(),
}).then((code) => {
  process.exitCode = code;
});
