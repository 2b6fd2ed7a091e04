/**
 * vitest global setup: offers the shared emulators to every test file (started lazily, see `emulator-broker.ts`) and
 * stops them after the run.
 */
import type { TestProject } from 'vitest/node';
import { startEmulatorBroker } from './emulator-broker';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where test workers ask for the shared emulators' endpoints. */
    emulatorBrokerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const broker = await startEmulatorBroker();
  project.provide('emulatorBrokerUrl', broker.url);
  return () => broker.close();
}
