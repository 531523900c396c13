import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  SSM_PARAMETER_NAMES,
  USER_PROFILE_TABLE,
  ssmParameterPath,
  ssmParameterPrefix,
  userProfileTableName,
} from '@userprofile/adapters-aws';
import { DEFAULT_DOMAIN_SETTINGS } from '@userprofile/domain';
import { DEFAULT_REQUIRE_IF_MATCH, NO_ORIGINS } from '@userprofile/http-lambda/contract';
import { Construct } from 'constructs';

import type { TableBillingMode } from '../config';
import { ORIGINAL_IDS, ORIGINAL_PARAMETER_IDS, keepOriginalId } from '../original-logical-ids';

export interface UserProfileDataProps {
  /** Environment suffix: the table is `user-profiles-{env}`, parameters live under `/userprofile/{env}/`. */
  readonly environmentName: string;
  /** @default 'provisioned' */
  readonly billingMode?: TableBillingMode;
  /** Provisioned read capacity, also the auto scaling floor (ignored on demand). @default 5 */
  readonly readCapacity?: number;
  /** Provisioned write capacity, also the auto scaling floor (ignored on demand). @default 5 */
  readonly writeCapacity?: number;
  /** Auto scaling ceiling for table and index (ignored on demand). @default 50 */
  readonly maxCapacity?: number;
  /** Origins the handlers allow; stored in the `api/cors-allowed-origins` parameter. @default - none */
  readonly corsAllowedOrigins?: readonly string[];
  /** Whether the table refuses to be deleted (it is retained with the stack either way). @default true */
  readonly deletionProtection?: boolean;
  /** The customer-managed key of the table and its stream (DataKey). @default - an AWS-managed key */
  readonly encryptionKey?: kms.IKey;
}

/** Where functions read their runtime settings: every SSM parameter below one path. */
export interface SettingsSource {
  /** The path, e.g. `/userprofile/dev/`; the config provider reads below it. */
  readonly parameterPrefix: string;
  /** Lets `grantee` read every parameter below the prefix, the way the config provider does. */
  grantReadSettings(grantee: iam.IGrantable): iam.Grant;
}

/** All the settings provider calls (ssm-config-provider.ts): GetParameters, by name. */
const SETTINGS_READ_ACTIONS = ['ssm:GetParameters'];

/** Auto scaling keeps consumed capacity near this share of what is provisioned. */
const TARGET_UTILIZATION_PERCENT = 70;

/**
 * The stateful half of the service: the profile table (from the adapters' single design) and
 * the SSM parameters the handlers read their settings from. Nothing here is recreated by a
 * code change, so it lives apart from the functions and the API.
 */
export class UserProfileData extends Construct implements SettingsSource {
  /** The profile table. */
  readonly table: dynamodb.Table;
  /** The email index's name, which list-by-email queries. */
  readonly emailIndexName: string = USER_PROFILE_TABLE.emailIndex.indexName;
  /** `/userprofile/{env}/`: every parameter of this environment lives below it. */
  readonly parameterPrefix: string;
  /** The runtime-setting parameters, by setting. */
  readonly parameters: Readonly<Record<keyof typeof SSM_PARAMETER_NAMES, ssm.StringParameter>>;

  constructor(scope: Construct, id: string, props: UserProfileDataProps) {
    super(scope, id);
    const billingMode = props.billingMode ?? 'provisioned';
    const provisioned = billingMode === 'provisioned';
    const readCapacity = props.readCapacity ?? 5;
    const writeCapacity = props.writeCapacity ?? 5;
    const maxCapacity = props.maxCapacity ?? 50;

    this.table = new dynamodb.Table(this, 'Table', {
      tableName: userProfileTableName(props.environmentName),
      partitionKey: {
        name: USER_PROFILE_TABLE.partitionKey.name,
        type: dynamodb.AttributeType.STRING,
      },
      billingMode: provisioned ? dynamodb.BillingMode.PROVISIONED : dynamodb.BillingMode.PAY_PER_REQUEST,
      ...(provisioned && { readCapacity, writeCapacity }),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // From an AWS-managed key to a customer-managed one is an in-place update: no replacement.
      ...(props.encryptionKey
        ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }
        : { encryption: dynamodb.TableEncryption.AWS_MANAGED }),
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: props.deletionProtection ?? true,
      // Retained in every environment, dev included: the table may be the original stack's, with
      // its users' data, and neither deleting the stack nor a mistaken replacement may drop it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    keepOriginalId(this.table, ORIGINAL_IDS.table);
    this.table.addGlobalSecondaryIndex({
      indexName: USER_PROFILE_TABLE.emailIndex.indexName,
      partitionKey: {
        name: USER_PROFILE_TABLE.emailIndex.partitionKey.name,
        type: dynamodb.AttributeType.STRING,
      },
      projectionType: dynamodb.ProjectionType.ALL,
      ...(provisioned && { readCapacity, writeCapacity }),
    });

    if (provisioned) {
      // The original template claimed auto scaling and had none: scale table and index alike.
      const scale = (capacity: dynamodb.IScalableTableAttribute) =>
        capacity.scaleOnUtilization({ targetUtilizationPercent: TARGET_UTILIZATION_PERCENT });
      scale(this.table.autoScaleReadCapacity({ minCapacity: readCapacity, maxCapacity }));
      scale(this.table.autoScaleWriteCapacity({ minCapacity: writeCapacity, maxCapacity }));
      scale(
        this.table.autoScaleGlobalSecondaryIndexReadCapacity(this.emailIndexName, {
          minCapacity: readCapacity,
          maxCapacity,
        }),
      );
      scale(
        this.table.autoScaleGlobalSecondaryIndexWriteCapacity(this.emailIndexName, {
          minCapacity: writeCapacity,
          maxCapacity,
        }),
      );
    }

    this.parameterPrefix = ssmParameterPrefix(props.environmentName);
    const origins = props.corsAllowedOrigins ?? [];
    const values: Record<keyof typeof SSM_PARAMETER_NAMES, string> = {
      tableName: this.table.tableName,
      // SSM refuses empty values: "none" is the adapters' word for no cross-origin access.
      corsAllowedOrigins: origins.length === 0 ? NO_ORIGINS : origins.join(','),
      defaultPageSize: String(DEFAULT_DOMAIN_SETTINGS.defaultPageSize),
      maxPageSize: String(DEFAULT_DOMAIN_SETTINGS.maxPageSize),
      requireIfMatch: String(DEFAULT_REQUIRE_IF_MATCH),
    };
    const parameters = {} as Record<keyof typeof SSM_PARAMETER_NAMES, ssm.StringParameter>;
    for (const [setting, name] of Object.entries(SSM_PARAMETER_NAMES) as [keyof typeof SSM_PARAMETER_NAMES, string][]) {
      parameters[setting] = this.addParameter(name, values[setting]);
    }
    this.parameters = parameters;
  }

  grantReadSettings(grantee: iam.IGrantable): iam.Grant {
    // The functions take the table name from their environment; they read the other settings by name.
    const read = Object.entries(this.parameters).filter(([setting]) => setting !== 'tableName');
    return iam.Grant.addToPrincipal({
      grantee,
      actions: SETTINGS_READ_ACTIONS,
      resourceArns: read.map(([, parameter]) => parameter.parameterArn),
    });
  }

  /** A String parameter under this environment's prefix; its description says who reads it. */
  addParameter(relativeName: string, value: string): ssm.StringParameter {
    const parameter = new ssm.StringParameter(this, `Parameter-${relativeName.replace(/[^A-Za-z0-9]/g, '-')}`, {
      parameterName: ssmParameterPath(this.parameterPrefix, relativeName),
      stringValue: value,
      description: `userprofile setting ${relativeName}, read by the Lambda functions through the config provider`,
      tier: ssm.ParameterTier.STANDARD,
    });
    keepOriginalId(parameter, ORIGINAL_PARAMETER_IDS[relativeName]);
    return parameter;
  }
}
