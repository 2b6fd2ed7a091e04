/**
 * Bring licences issued before Permit into it (`docs/import.md`).
 *
 *   npm run import -- 许可证存量.xlsx --dry-run     # check every row, write nothing, report
 *   npm run import -- 许可证存量.xlsx               # import the good rows, with a progress bar
 *   npm run import -- export.csv --paper --headers map.json --url https://permit.example --token $TOKEN
 *
 * Uploads the file (presigned POST), starts the job, follows it with a progress bar (one line, redrawn on a terminal;
 * a line every few seconds otherwise), prints the final report and writes it as CSV beside the file (`--report`).
 * Against `npm start` it needs no token: one is made with the local identity provider ($PERMIT_DATA_DIR/idp).
 *
 * Exit codes: 0 every row fine; 1 rows refused or failed, or the file refused; 2 usage, file or service errors.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LocalIdentityProvider } from '../lib/local/identity';
import {
  type ImportArgs,
  ImportCliError,
  type ProblemJson,
  type ProgressJson,
  parseImportArgs,
  progressLine,
  reportLines,
  USAGE,
} from './import-lib';

const POLL_MS = 500;
const PLAIN_EVERY_MS = 5_000;

interface ImportJson {
  id: string;
  state: string;
  dryRun: boolean;
  progress: ProgressJson;
  error?: { code: string; message: string };
}

async function main(args: ImportArgs): Promise<number> {
  const base = (args.url ?? `http://127.0.0.1:${process.env.PORT?.trim() || '3000'}`).replace(/\/$/, '');
  const token = args.token ?? process.env.PERMIT_TOKEN?.trim() ?? (await localAdminToken());
  const call = async <T>(path: string, init: RequestInit = {}, expected = [200]): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
    } catch (error) {
      throw new ImportCliError(`cannot reach ${base}: ${(error as Error).message} (is npm start running?)`);
    }
    if (!expected.includes(res.status)) {
      const body = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
      throw new ImportCliError(`${path}: ${res.status} ${body.code ?? ''} ${body.detail ?? ''}`.trim());
    }
    return (path.endsWith('.csv') ? await res.text() : await res.json()) as T;
  };

  const size = await stat(args.file).then(
    (s) => s.size,
    () => {
      throw new ImportCliError(`cannot read ${args.file}`);
    },
  );
  const headers = args.headers ? JSON.parse(await readFile(args.headers, 'utf8')) : undefined;
  const granted = await call<{ uploadId: string; upload: { url: string; fields: Record<string, string> } }>(
    '/v1/imports/uploads',
    { method: 'POST', body: JSON.stringify({ format: args.format, size }) },
    [201],
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(granted.upload.fields)) form.append(name, value);
  const bytes = await readFile(args.file);
  form.append('file', new Blob([bytes], { type: granted.upload.fields['Content-Type'] ?? '' }), basename(args.file));
  const sent = await fetch(granted.upload.url, { method: 'POST', body: form });
  if (sent.status >= 300) throw new ImportCliError(`the upload was refused: ${sent.status} ${await sent.text()}`);
  console.log(`uploaded ${basename(args.file)} (${size.toLocaleString('en-US')} bytes)`);

  const started = await call<ImportJson>(
    '/v1/imports',
    {
      method: 'POST',
      body: JSON.stringify({
        uploadId: granted.uploadId,
        format: args.format,
        fileName: basename(args.file),
        dryRun: args.dryRun,
        paperCopy: args.paper,
        ...(headers ? { headers } : {}),
      }),
    },
    [202],
  );
  console.log(`${args.dryRun ? 'checking' : 'importing'}: ${started.id}`);

  const tty = process.stdout.isTTY === true;
  let job = started;
  let lastPlain = 0;
  for (;;) {
    job = await call<ImportJson>(`/v1/imports/${started.id}`);
    const line = progressLine(job.state, job.progress);
    if (tty) process.stdout.write(`\r\x1b[2K${line}`);
    else if (Date.now() - lastPlain >= PLAIN_EVERY_MS || job.progress.finished) {
      console.log(line);
      lastPlain = Date.now();
    }
    if (job.progress.finished) break;
    await delay(POLL_MS);
  }
  if (tty) process.stdout.write('\n');

  const report = await call<{ problems: ProblemJson[] }>(`/v1/imports/${started.id}/report`);
  let csvPath: string | undefined;
  if (job.state !== 'failed') {
    csvPath = resolve(args.report ?? `${args.file}.report.csv`);
    await writeFile(csvPath, await call<string>(`/v1/imports/${started.id}/report.csv`));
  }
  for (const line of reportLines({ ...job, problems: report.problems, ...(csvPath ? { csvPath } : {}) })) {
    console.log(line);
  }
  return job.state === 'failed' || job.progress.failed > 0 ? 1 : 0;
}

/** An admin token from the local identity provider (the one `npm start` trusts). */
async function localAdminToken(): Promise<string> {
  const dataDir = resolve(process.env.PERMIT_DATA_DIR?.trim() || '.permit');
  const idp = await LocalIdentityProvider.open(resolve(dataDir, 'idp'));
  return idp.mint({ roles: ['admin'], subject: 'admin-import-cli', name: '导入 (npm run import)' });
}

let parsed: ImportArgs;
try {
  parsed = parseImportArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
main(parsed).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ImportCliError ? error.message : `import failed: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
