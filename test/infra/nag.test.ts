import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { describe, expect, it, vi } from 'vitest';
import { type StageName, selectStage } from '../../lib/stage-config';
import { fixtureRegistry } from './fixtures';
import { nagViolations, synth } from './support';

interface Acknowledgment {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
  readonly isStack: boolean;
}

/** Every cdk-nag acknowledgment recorded in the construct tree. */
function acknowledgments(root: IConstruct): Acknowledgment[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
          isStack: Stack.isStack(c),
        })),
      ),
  );
}

const cases: { stage: StageName; registry: 'fixture' | 'real' }[] = [
  { stage: 'dev', registry: 'fixture' },
  { stage: 'dev', registry: 'real' },
  { stage: 'prod', registry: 'fixture' },
  { stage: 'prod', registry: 'real' },
];

describe.each(cases)('cdk-nag AwsSolutions, $stage stage, $registry registry', ({ stage, registry }) => {
  const s = synth({ stage: selectStage(stage), ...(registry === 'fixture' ? { registry: fixtureRegistry } : {}) });

  it('has zero unacknowledged errors and warnings in the stateful stack', () => {
    expect(nagViolations(s.stateful)).toEqual([]);
  });

  it('has zero unacknowledged errors and warnings in the stateless stack', () => {
    expect(nagViolations(s.stateless)).toEqual([]);
  });

  it('acknowledges only on resources, never on a stack, each with a written reason', () => {
    const acks = acknowledgments(s.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.isStack, ack.path).toBe(false);
      expect(ack.path.split('/').length, ack.path).toBeGreaterThan(2);
      expect(ack.reason.length, ack.id).toBeGreaterThanOrEqual(40);
    }
  });

  it('acknowledges only the expected rule families', () => {
    const allowed = [
      /^AwsSolutions-COG2$/, // MFA optional by decision
      /^AwsSolutions-COG8$/, // Essentials plan where threat protection is off
      /^AwsSolutions-APIG4$/, // public and signed routes, by contract
      /^AwsSolutions-IAM5\[Resource::\*\]$/, // X-Ray
      /^AwsSolutions-IAM5\[Resource::.*Bucket.*\/\*\]$/, // objects of one bucket
      /^AwsSolutions-IAM5\[Resource::<.*\.Arn>:\*\]$/, // versions of one function (scheduler role)
    ];
    for (const ack of acknowledgments(s.app)) {
      expect(
        allowed.some((re) => re.test(ack.id)),
        `${ack.path}: ${ack.id}`,
      ).toBe(true);
    }
  });
});

describe('the nag harness', () => {
  it('does report findings (it is not vacuously green)', () => {
    // Prepare
    const stack = new Stack(new App(), 'Bad');
    new Queue(stack, 'NoDlqNoTls');
    // Act
    const rules = nagViolations(stack).map((v) => v.rule);
    // Assess
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  it('has no dead acknowledgments: without them, the rule of each fires on its construct', () => {
    // Prepare: record acknowledgments instead of applying them.
    const recorded: { path: string; id: string }[] = [];
    const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (
      this: Validations,
      ...rules
    ) {
      const scope = (this as unknown as { scope: IConstruct }).scope;
      for (const rule of rules) recorded.push({ path: scope.node.path, id: rule.id });
    });
    try {
      // Act
      const s = synth({ registry: fixtureRegistry });
      const violations = [...nagViolations(s.stateful), ...nagViolations(s.stateless)];
      // Assess
      expect(recorded.length).toBeGreaterThan(0);
      for (const ack of recorded) {
        const fired = violations.some((v) => v.rule === ack.id && v.paths.some((p) => p.startsWith(`${ack.path}/`)));
        expect(fired, `${ack.path}: ${ack.id}`).toBe(true);
      }
    } finally {
      spy.mockRestore();
    }
  });
});
