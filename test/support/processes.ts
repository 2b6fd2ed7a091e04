/**
 * Run the repository's TypeScript entry points (`bin/*.ts`) as real child processes, the way `npm start` and
 * `npm run token` do, and wait on what they print.
 *
 * @example
 * const child = spawnScript('bin/local.ts', { PORT: '0' });
 * const url = await child.waitForOutput(/running at (\S+)/);
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '../../lib/local/runtime';

export interface ScriptProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolve with the first match in stdout+stderr (waits on output events; rejects on exit or timeout). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolve with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
}

export interface SpawnOptions {
  /** Run under `sh -c` as `npm start` does (the shell stays between us and the script). */
  readonly viaShell?: boolean;
  /** Lead a process group of its own, as a terminal's foreground job does (signal it whole: `kill(-pid, …)`). */
  readonly detached?: boolean;
}

export function spawnScript(
  script: string,
  env: Record<string, string | undefined>,
  args: readonly string[] = [],
  options: SpawnOptions = {},
): ScriptProcess {
  const argv = ['--import', 'tsx', script, ...args];
  // `; exit $?` keeps the shell alive as a separate process, as npm's is.
  const [command, commandArgs] = options.viaShell
    ? ['sh', ['-c', `'${process.execPath}' ${argv.map((a) => `'${a}'`).join(' ')}; exit $?`]]
    : [process.execPath, argv];
  const child = spawn(command, commandArgs, {
    cwd: REPO_ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
    changed();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
    changed();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
      changed();
    }),
  );
  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = (out + err).match(pattern);
        if (match) {
          done();
          resolve(match);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(new Error(`${script} exited before printing ${pattern}:\n${out}\n${err}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${script} did not print ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, waitForOutput, exited };
}

/** Whether a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run `npm run verify` (`bin/verify.ts`) with `args` to its end. The proxy variables point nowhere, so a request the
 * run should not make fails; `localService` lets requests to 127.0.0.1 through (an online run against the runtime).
 *
 * @example
 * const { code, stdout } = await runVerifyCli(['--offline', '--jwks', jwksFile, qr]);
 */
export async function runVerifyCli(
  args: readonly string[],
  options: { readonly localService?: boolean } = {},
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawnScript(
    'bin/verify.ts',
    {
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      ...(options.localService ? { NO_PROXY: '127.0.0.1' } : {}),
    },
    [...args],
  );
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}
