/** A started emulator, whatever runs it (a guarded Java process or an in-process server). */
export interface RunningEmulator {
  /** `dynamodb`, `s3` or `sqs`. */
  readonly name: string;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** Pid of the emulator process when it runs out of process (DynamoDB Local's Java). */
  readonly pid?: number | undefined;
  /** Stop it; idempotent. */
  stop(): Promise<void>;
}
