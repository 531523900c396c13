import { ArnFormat, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** WAF delivers to CloudWatch Logs only into groups whose name starts with this. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/**
 * What WAF writes as `REDACTED` in its records. WAF never logs a body, so there is none to
 * redact; what would carry personal data is the `Authorization` header (the ID token, with its
 * email claim), the query string (a page cursor) and the URI path (a profile id, which may
 * still be a legacy email until the ids are migrated). The rule, action, method, headers'
 * names and the client address stay: enough to tell what was blocked and from where.
 */
export const WAF_REDACTED_FIELDS: readonly wafv2.CfnLoggingConfiguration.FieldToMatchProperty[] = [
  { singleHeader: { Name: 'authorization' } },
  { queryString: {} },
  { uriPath: {} },
];

export interface FirewallLoggingProps {
  readonly environmentName: string;
  readonly webAcl: wafv2.CfnWebACL;
  /** How long WAF's records are kept. */
  readonly retention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * WAF's log of the requests it blocked or counted, in a group of its own
 * (`aws-waf-logs-userprofile-{env}`) with a retention. Allowed requests are dropped from it:
 * the stage's access log has them, and each kept record holds a client address.
 */
export class FirewallLogging extends Construct {
  readonly logGroup: logs.LogGroup;
  readonly configuration: wafv2.CfnLoggingConfiguration;

  constructor(scope: Construct, id: string, props: FirewallLoggingProps) {
    super(scope, id);
    const logGroupName = `${WAF_LOG_GROUP_PREFIX}userprofile-${props.environmentName}`;
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName,
      retention: props.retention,
      removalPolicy: props.removalPolicy,
    });
    this.configuration = new wafv2.CfnLoggingConfiguration(this, 'Configuration', {
      resourceArn: props.webAcl.attrArn,
      // WAF wants the group's ARN without the `:*` that `logGroupArn` ends in.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [...WAF_REDACTED_FIELDS],
      // Passed through to CloudFormation as it is (CDK types it `any`), hence CloudFormation's casing.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
    this.configuration.node.addDependency(this.logGroup);
  }
}
