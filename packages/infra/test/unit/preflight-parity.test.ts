import { Template } from 'aws-cdk-lib/assertions';
import { preflightResponse } from '@userprofile/http-lambda';
import { ROUTES } from '@userprofile/http-lambda/routes';

import { createUserProfileApp } from '../../src/app';
import { cdkJsonContext } from '../support/cdk-json-context';

/*
 * A browser asks the same preflight of the deployed API and of the local server; both must
 * answer it alike. API Gateway answers from the mock integration the CDK app synthesizes, the
 * local server from the handlers' `preflightResponse`: both read the shared contract facts, and
 * this holds them to the same headers, value for value, on every path of the route table.
 */

const ORIGIN = 'https://admin.example.com';
type Resource = { Type: string; Properties: Record<string, unknown> };

/**
 * The CORS headers of an answer, compared as browsers read them: names in lower case, list
 * values as lists (`GET,PUT` and `GET, PUT` are one list).
 */
const corsHeaders = (headers: Record<string, unknown>): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(headers)
      .map(([name, value]) => [name.toLowerCase(), String(value)] as const)
      .filter(([name]) => name.startsWith('access-control-') || name === 'vary')
      .map(([name, value]) => [name, value.split(',').map((item) => item.trim())]),
  );

/** The header values an OPTIONS method's mock integration answers with, quotes removed. */
function deployedPreflightHeaders(resources: Record<string, Resource>, pathPart: string): Record<string, unknown> {
  const resourceId = Object.entries(resources).find(
    ([, r]) => r.Type === 'AWS::ApiGateway::Resource' && r.Properties.PathPart === pathPart,
  )?.[0];
  if (!resourceId) throw new Error(`no API Gateway resource for the path part ${pathPart}`);
  const options = Object.values(resources).find(
    (r) =>
      r.Type === 'AWS::ApiGateway::Method' &&
      r.Properties.HttpMethod === 'OPTIONS' &&
      JSON.stringify(r.Properties.ResourceId) === JSON.stringify({ Ref: resourceId }),
  );
  const integration = options?.Properties.Integration as
    { IntegrationResponses: { ResponseParameters: Record<string, string> }[] } | undefined;
  const parameters = integration?.IntegrationResponses[0]?.ResponseParameters;
  if (!parameters) throw new Error(`no preflight integration response on ${pathPart}`);
  return Object.fromEntries(
    Object.entries(parameters).map(([name, value]) => [
      name.replace('method.response.header.', ''),
      value.replace(/^'|'$/g, ''),
    ]),
  );
}

describe('the CORS preflight answered in AWS and locally', () => {
  let resources: Record<string, Resource>;

  beforeAll(() => {
    const context = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] };
    const { stack } = createUserProfileApp({
      settings: { environmentName: 'prod', corsAllowedOrigins: [ORIGIN] },
      appProps: { context },
    });
    resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  });

  it.each([...new Set(ROUTES.map((route) => route.path))])('%s: the same headers, value for value', (path) => {
    // Prepare: the path as a browser would reach it, and its last segment as API Gateway names it
    const concrete = path.replace('{userId}', 'ada');
    const pathPart = path.split('/').pop()!;

    // Act
    const local = preflightResponse(
      { path: concrete, resource: path, headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' } },
      { corsAllowedOrigins: [ORIGIN] },
    );
    const deployed = deployedPreflightHeaders(resources, pathPart);

    // Assess
    expect(local.statusCode).toBe(204);
    expect(corsHeaders(local.headers ?? {})).toEqual(corsHeaders(deployed));
    expect(Object.keys(corsHeaders(deployed))).toEqual(
      expect.arrayContaining(['access-control-allow-origin', 'access-control-allow-methods', 'access-control-max-age']),
    );
  });
});
