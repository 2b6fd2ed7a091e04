import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findJava, parseJavaVersion } from '../../../../lib/local/java';

const root = mkdtempSync(join(tmpdir(), 'permit-java-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A JAVA_HOME whose bin/java prints the given version banner, as `java -version` does (on stderr). */
function fakeJavaHome(name: string, banner: string): string {
  const home = join(root, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'bin', 'java'), `#!/bin/sh\necho '${banner}' >&2\n`);
  chmodSync(join(home, 'bin', 'java'), 0o755);
  return home;
}

describe('parseJavaVersion', () => {
  test.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
  ])('%s → %i', (banner, major) => {
    expect(parseJavaVersion(banner)?.major).toBe(major);
  });

  test('returns undefined for output without a version', () => {
    expect(parseJavaVersion('command not found')).toBeUndefined();
  });
});

describe('findJava', () => {
  test('uses JAVA_HOME and accepts Java 17+', async () => {
    // Prepare
    const home = fakeJavaHome('jdk21', 'openjdk version "21.0.1" 2023-10-17');

    // Act
    const java = await findJava({ JAVA_HOME: home, PATH: '/nonexistent' });

    // Assess
    expect(java).toEqual({ command: join(home, 'bin', 'java'), major: 21, version: '21.0.1' });
  });

  test('refuses Java 11 with a one-line install hint', async () => {
    // Prepare
    const home = fakeJavaHome('jdk11', 'openjdk version "11.0.2" 2019-01-15');

    // Act + Assess
    await expect(findJava({ JAVA_HOME: home, PATH: '/nonexistent' })).rejects.toMatchObject({
      code: 'JAVA_TOO_OLD',
      message: expect.stringMatching(
        /^DynamoDB Local needs Java 17\+, found 11\.0\.2 .*openjdk-17-jre-headless[^\n]*$/,
      ),
    });
  });

  test('says Java is missing when there is none', async () => {
    await expect(findJava({ PATH: '/nonexistent' })).rejects.toMatchObject({ code: 'JAVA_MISSING' });
  });
});
