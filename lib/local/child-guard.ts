/**
 * Child processes that cannot outlive us. Node cannot run code when it is SIGKILLed, so a tiny guard process sits
 * between us and the real child (Java): we hold the guard's stdin open, and when that pipe closes — because we
 * exited, crashed or were killed — the guard kills the child and exits. The guard also forwards SIGTERM/SIGINT, and
 * reports the child's pid on fd 3 so we can kill the child directly if the guard itself misbehaves.
 *
 * @example
 * const java = spawnGuarded('java', ['-jar', 'DynamoDBLocal.jar']);
 * await java.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** Runs with `node -e` (CommonJS, no TypeScript loader needed, starts in ~40 ms). */
const GUARD_SOURCE = `
const { spawn } = require('node:child_process');
const { writeSync } = require('node:fs');
const [command, ...args] = process.argv.slice(1);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
};
child.on('spawn', () => { try { writeSync(3, JSON.stringify({ pid: child.pid }) + '\\n'); } catch {} });
child.on('error', (error) => { process.stderr.write(String(error.message) + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 0)));
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
`;

const OUTPUT_TAIL_BYTES = 8 * 1024;

export interface GuardedProcess {
  /** The guard's pid. */
  readonly guardPid: number | undefined;
  /** The real child's pid, once the guard reported it. */
  childPid(): number | undefined;
  /** The last few KiB of the child's stdout and stderr, for error messages. */
  outputTail(): string;
  /** Exit code / signal once exited, else undefined. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Resolves when the process has exited (for whatever reason). */
  readonly exit: Promise<void>;
  /** Terminate gracefully (SIGTERM), escalate to SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawn `command args` behind a guard that kills it when this process goes away. */
export function spawnGuarded(command: string, args: readonly string[], cwd?: string): GuardedProcess {
  const guard: ChildProcess = spawn(process.execPath, ['-e', GUARD_SOURCE, command, ...args], {
    cwd,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: process.env,
  });
  let tail = '';
  const collect = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
  };
  guard.stdout?.on('data', collect);
  guard.stderr?.on('data', collect);
  let pid: number | undefined;
  const control = guard.stdio[3];
  control?.on('data', (chunk: Buffer) => {
    const match = /"pid":(\d+)/.exec(chunk.toString('utf8'));
    if (match?.[1]) pid = Number(match[1]);
  });
  // The stdin pipe is the lifeline; never write to it, never let an EPIPE crash us.
  guard.stdin?.on('error', () => {});
  let exitState: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    guard.once('exit', (code, signal) => {
      exitState = { code, signal };
      resolve();
    });
    guard.once('error', (error) => {
      collect(Buffer.from(String(error.message)));
      exitState ??= { code: null, signal: null };
      resolve();
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 5_000): Promise<void> => {
    stopping ??= (async () => {
      if (exitState) return;
      guard.kill('SIGTERM');
      const timer = setTimeout(() => {
        // The guard did not finish in time: kill the child directly, then the guard.
        if (pid !== undefined) killQuietly(pid);
        guard.kill('SIGKILL');
      }, graceMs);
      await exit;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return {
    guardPid: guard.pid,
    childPid: () => pid,
    outputTail: () => tail,
    exited: () => exitState,
    exit,
    stop,
  };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
