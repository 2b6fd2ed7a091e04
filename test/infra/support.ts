/**
 * Builders for the infrastructure tests: synthesise Permit's stacks for a stage, without bundling, with the same
 * feature flags as `cdk.json`, and run cdk-nag over them.
 */
import { readFileSync } from 'node:fs';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionDefinition } from '../../lambdas/functions';
import { PROJECT_ROOT } from '../../lib/constructs/permit-function';
import { buildPermit, type PermitStacks } from '../../lib/stacks/permit-app';
import { type StageConfig, selectStage } from '../../lib/stage-config';

const cdkJson = JSON.parse(readFileSync(`${PROJECT_ROOT}cdk.json`, 'utf8')) as { context: Record<string, unknown> };

export interface Synthesised extends PermitStacks {
  readonly app: App;
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

export interface SynthOptions {
  readonly stage?: StageConfig;
  readonly registry?: readonly FunctionDefinition[];
  /** Run CDK's built-in CloudFormation validation (resource types per region; ~4 s a synth). Off by default. */
  readonly cloudFormationValidation?: boolean;
}

/** Build and synthesise both stacks (bundling skipped: `aws:cdk:bundling-stacks` = []). */
export function synth(options: SynthOptions = {}): Synthesised {
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
  });
  const stacks = buildPermit(app, options.stage ?? selectStage('dev'), {
    ...(options.registry ? { registry: options.registry } : {}),
  });
  return {
    app,
    ...stacks,
    statefulTemplate: Template.fromStack(stacks.stateful),
    statelessTemplate: Template.fromStack(stacks.stateless),
  };
}

export interface NagViolation {
  readonly rule: string;
  readonly severity: string;
  readonly paths: readonly string[];
}

/** Unacknowledged AWS Solutions findings (errors and warnings) under `scope`; call after synthesis. */
export function nagViolations(scope: Stack): NagViolation[] {
  const report = new AwsSolutionsChecks(undefined, { verbose: false }).validateScope(scope);
  return report.violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity ?? 'error',
    paths: v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? '?'),
  }));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every string in a template with the JSON path it sits at. */
export function templateStrings(template: Template): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  const walk = (node: Json, path: string): void => {
    if (typeof node === 'string') out.push({ path, value: node });
    else if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) walk(n, `${path}[${i}]`);
    } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
  };
  walk(template.toJSON() as Json, '$');
  return out;
}

/** Logical id of the only resource of a type matching `props`. */
export function logicalIdOf(template: Template, type: string, props: Record<string, unknown> = {}): string {
  const found = Object.keys(template.findResources(type, { Properties: props }));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as string;
}
