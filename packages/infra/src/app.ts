import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

import type { RawServiceSettings } from './config';
import { rawSettingsFromContext, stackNameFromContext } from './context-settings';
import { UserProfileStack, type UserProfileStackProps } from './user-profile-stack';

export interface UserProfileAppOptions extends Omit<UserProfileStackProps, 'settings'> {
  /** Settings; anything absent is read from the app's context, then defaulted. */
  readonly settings?: RawServiceSettings;
  /** Passed to the App (e.g. `outdir`, `context`). */
  readonly appProps?: AppProps;
}

/**
 * The CDK app: one `userprofile-{env}` stack, checked by cdk-nag's AwsSolutions pack. Any
 * unacknowledged finding fails synthesis (and so `pnpm synth` and the tests).
 */
export function createUserProfileApp(options: UserProfileAppOptions = {}): { app: App; stack: UserProfileStack } {
  const app = new App(options.appProps);
  const fromContext = rawSettingsFromContext((key) => app.node.tryGetContext(key));
  const settings = { ...fromContext, ...definedOnly(options.settings ?? {}) };
  const { settings: _ignored, appProps: _appProps, ...stackProps } = { ...options };
  const stackName = stackNameFromContext((key) => app.node.tryGetContext(key));
  const stack = new UserProfileStack(app, 'UserProfileStack', {
    ...(stackName !== undefined && { stackName }),
    ...stackProps,
    settings,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

function definedOnly(settings: RawServiceSettings): RawServiceSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}
