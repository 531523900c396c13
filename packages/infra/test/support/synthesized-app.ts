import { rmSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';

import { createUserProfileApp, type UserProfileAppOptions } from '../../src/app';
import type { UserProfileStack } from '../../src/user-profile-stack';
import { cdkJsonContext } from './cdk-json-context';

/** One synthesized app: its stack, the stack's template and the cloud assembly it was written to. */
export interface Synthesized {
  readonly stack: UserProfileStack;
  readonly template: Template;
  /** The cloud assembly directory (cdk.out), where bundled assets land. */
  readonly outdir: string;
}

export type SynthesisOptions = Omit<UserProfileAppOptions, 'appProps'>;

/** Whether the functions' code is bundled: only tests that read the bundles need it. */
export type Bundling = 'bundled' | 'template-only';

// Bundling the real handlers with esbuild is the slow part of a synthesis.
const SYNTHESIS_TIMEOUT_MS = 300_000;

// Per test file (jest gives each file its own module registry): one synthesis per distinct options.
const synthesized = new Map<string, Synthesized>();

function synthesize(options: SynthesisOptions, bundling: Bundling): Synthesized {
  const key = JSON.stringify([options, bundling]);
  const cached = synthesized.get(key);
  if (cached) return cached;
  // `aws:cdk:bundling-stacks: []` is CDK's own switch (`cdk synth --exclusively` uses it): the
  // template is the same, the assets are placeholders.
  const context = { ...cdkJsonContext(), ...(bundling === 'template-only' && { 'aws:cdk:bundling-stacks': [] }) };
  const { app, stack } = createUserProfileApp({ ...options, appProps: { context } });
  const fresh = { stack, template: Template.fromStack(stack), outdir: app.synth().directory };
  synthesized.set(key, fresh);
  return fresh;
}

/**
 * The app synthesized with `options` and cdk.json's context, as `cdk synth` would: synthesized
 * before the file's first test (once per distinct options) and its cloud assembly removed after
 * the last. Call it where tests are declared; read its fields only inside hooks and tests.
 * `bundled` builds the functions' code too, for the tests that read it.
 */
export function synthesizedApp(options: SynthesisOptions = {}, bundling: Bundling = 'template-only'): Synthesized {
  let current: Synthesized | undefined;
  beforeAll(() => {
    current = synthesize(options, bundling);
  }, SYNTHESIS_TIMEOUT_MS);
  afterAll(() => {
    if (current) rmSync(current.outdir, { recursive: true, force: true });
    synthesized.delete(JSON.stringify([options, bundling]));
  });
  const ready = (): Synthesized => {
    if (!current) throw new Error('the app is synthesized before the first test: read it inside a hook or a test');
    return current;
  };
  return {
    get stack() {
      return ready().stack;
    },
    get template() {
      return ready().template;
    },
    get outdir() {
      return ready().outdir;
    },
  };
}

/**
 * Asserts that the app has a log group of this name and retention, removed with the stack in dev
 * and retained in any other environment.
 */
export function expectLogGroup(app: Synthesized, name: string, retentionInDays: number): void {
  app.template.hasResource('AWS::Logs::LogGroup', {
    Properties: { LogGroupName: name, RetentionInDays: retentionInDays },
    DeletionPolicy: app.stack.settings.environmentName === 'dev' ? 'Delete' : 'Retain',
  });
}
