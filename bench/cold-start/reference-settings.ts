/**
 * The remote work every shipped API function starts at init, done with the same official
 * client: one SSM GetParameters of its runtime settings under CONFIG_PREFIX, decrypted.
 */
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';

import { RUNTIME_SETTINGS_PARAMETERS } from '../../packages/http-lambda/src/settings/settings-parsers';

export const readSettingsAtInit = (): Promise<unknown> => {
  const prefix = process.env.CONFIG_PREFIX ?? '/userprofile/bench/';
  return new SSMClient({}).send(
    new GetParametersCommand({
      Names: RUNTIME_SETTINGS_PARAMETERS.map((name) => `${prefix}${name}`),
      WithDecryption: true,
    }),
  );
};
