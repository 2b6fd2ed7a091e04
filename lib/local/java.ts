/**
 * Find a Java 17+ runtime for DynamoDB Local: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` on PATH.
 * Missing or too old → one line telling how to install one.
 *
 * @example
 * const java = await findJava(); // { command: '/usr/bin/java', major: 17 }
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LocalRuntimeError } from './errors';

export const MIN_JAVA_MAJOR = 17;

const INSTALL_HINT =
  'install a Java 17+ runtime (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17; Windows: winget install Microsoft.OpenJDK.17) or point JAVA_HOME at one';

export interface JavaRuntime {
  readonly command: string;
  readonly major: number;
  readonly version: string;
}

/** `java -version` prints e.g. `openjdk version "17.0.15" 2025-04-15` or, before Java 9, `"1.8.0_392"`. */
export function parseJavaVersion(output: string): { version: string; major: number } | undefined {
  const match = /version "([^"]+)"/.exec(output);
  const version = match?.[1];
  if (!version) return undefined;
  const parts = version.split(/[._-]/).map((p) => Number.parseInt(p, 10));
  const major = parts[0] === 1 ? parts[1] : parts[0];
  return major === undefined || Number.isNaN(major) ? undefined : { version, major };
}

function javaCommand(env: NodeJS.ProcessEnv): string {
  const home = env.JAVA_HOME?.trim();
  if (home) {
    const candidate = join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
    if (existsSync(candidate)) return candidate;
  }
  return 'java';
}

/**
 * Locate Java and check its version; throws `JAVA_MISSING` / `JAVA_TOO_OLD` with an install hint.
 *
 * @example
 * const { command } = await findJava();
 */
export async function findJava(env: NodeJS.ProcessEnv = process.env): Promise<JavaRuntime> {
  const command = javaCommand(env);
  const output = await new Promise<string>((resolve, reject) => {
    execFile(command, ['-version'], { timeout: 10_000, env }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new LocalRuntimeError('JAVA_MISSING', `DynamoDB Local needs Java, and none was found: ${INSTALL_HINT}`));
        return;
      }
      if (error) {
        reject(
          new LocalRuntimeError('JAVA_MISSING', `"${command} -version" failed: ${INSTALL_HINT}`, { cause: error }),
        );
        return;
      }
      resolve(`${stderr}\n${stdout}`);
    });
  });
  const parsed = parseJavaVersion(output);
  if (!parsed) {
    throw new LocalRuntimeError(
      'JAVA_MISSING',
      `could not read the Java version from "${command} -version": ${INSTALL_HINT}`,
    );
  }
  if (parsed.major < MIN_JAVA_MAJOR) {
    throw new LocalRuntimeError(
      'JAVA_TOO_OLD',
      `DynamoDB Local needs Java ${MIN_JAVA_MAJOR}+, found ${parsed.version} at ${command}: ${INSTALL_HINT}`,
    );
  }
  return { command, ...parsed };
}
