import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/*
 * The logical ids of the original CloudFormation template (shared/reference/original-stack.yaml)
 * that this app keeps. `cdk deploy -c stackName=<original stack>` then updates those resources in
 * place (docs/migrating.md): the table keeps its data, the RestApi its id (so the endpoint and
 * every export keep their values), and the named functions, log groups and parameters do not
 * collide with themselves. Resources the original did not have keep the ids CDK gives them.
 */

/** The table, the API's skeleton and the stage. */
export const ORIGINAL_IDS = {
  table: 'UserProfilesTable',
  restApi: 'UserProfileAPI',
  stage: 'APIStage',
} as const;

/** API Gateway resources, by path. */
export const ORIGINAL_RESOURCE_IDS: Readonly<Record<string, string>> = {
  '/users': 'UserProfilesResource',
  '/users/{userId}': 'UserProfileResource',
};

/** Methods, by `METHOD path`. PATCH and search are new: the original had PUT alone, and no search. */
export const ORIGINAL_METHOD_IDS: Readonly<Record<string, string>> = {
  'POST /users': 'CreateUserMethod',
  'GET /users': 'ListUsersMethod',
  'GET /users/{userId}': 'GetUserMethod',
  'PUT /users/{userId}': 'UpdateUserMethod',
  'DELETE /users/{userId}': 'DeleteUserMethod',
};

/** Functions and their log groups, by the route table's function name (the same names as the original's). */
export const ORIGINAL_FUNCTION_IDS: Readonly<Record<string, { readonly function: string; readonly logGroup: string }>> =
  {
    CreateUserProfile: { function: 'CreateUserProfileFunction', logGroup: 'CreateUserLogGroup' },
    GetUserProfile: { function: 'GetUserProfileFunction', logGroup: 'GetUserLogGroup' },
    UpdateUserProfile: { function: 'UpdateUserProfileFunction', logGroup: 'UpdateUserLogGroup' },
    DeleteUserProfile: { function: 'DeleteUserProfileFunction', logGroup: 'DeleteUserLogGroup' },
    ListUserProfiles: { function: 'ListUserProfilesFunction', logGroup: 'ListUsersLogGroup' },
  };

/** SSM parameters, by name below `/userprofile/{env}/`. */
export const ORIGINAL_PARAMETER_IDS: Readonly<Record<string, string>> = {
  'database/table-name': 'DatabaseTableNameParameter',
  'api/endpoint': 'APIEndpointParameter',
};

/** Gives the CloudFormation resource behind `construct` the original's logical id, when it has one. */
export function keepOriginalId(construct: IConstruct, originalId: string | undefined): void {
  if (originalId === undefined) return;
  const resource = construct.node.defaultChild as CfnElement | undefined;
  if (!resource) throw new Error(`${construct.node.path} has no CloudFormation resource to give the id ${originalId}`);
  resource.overrideLogicalId(originalId);
}
