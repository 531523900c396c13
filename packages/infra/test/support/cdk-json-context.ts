import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The context `cdk synth` gives the app from cdk.json, feature flags included: tests synthesize
 * with it so that they look at the template a deploy would send.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}
