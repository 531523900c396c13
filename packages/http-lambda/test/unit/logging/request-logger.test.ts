import { aLambdaContext, useCapturedLogs } from '@userprofile/testing';

import { createLogger, requestLogger } from '../../../src/logging/logger';

const TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

describe('requestLogger', () => {
  const logs = useCapturedLogs();
  const parsedLines = (): Record<string, unknown>[] =>
    logs.lines().map((line) => JSON.parse(line) as Record<string, unknown>);

  afterEach(() => {
    delete process.env._X_AMZN_TRACE_ID;
    delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  });

  it("writes Powertools' Lambda context keys and the request id on every line", () => {
    // Prepare
    process.env._X_AMZN_TRACE_ID = TRACE;
    const context = aLambdaContext();
    const logger = requestLogger(createLogger('INFO'), 'gw-1', context);

    // Act
    logger.info('one');
    logger.warn('two', { detail: 1 });

    // Assess
    const lines = parsedLines();
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({
        service: 'userprofile',
        cold_start: expect.any(Boolean),
        function_name: context.functionName,
        function_arn: context.invokedFunctionArn,
        function_memory_size: expect.anything(),
        function_request_id: context.awsRequestId,
        xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
        request_id: 'gw-1',
      });
    }
  });

  it("says cold_start only on the first invocation of an on-demand environment's function", () => {
    // Prepare: Powertools reads the initialization type when a logger is made.
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    const root = createLogger('INFO');

    // Act
    for (const id of ['first', 'second', 'third']) {
      requestLogger(root, id, aLambdaContext({ awsRequestId: id })).info('request completed');
    }

    // Assess
    expect(parsedLines().map((line) => [line.function_request_id, line.cold_start])).toEqual([
      ['first', true],
      ['second', false],
      ['third', false],
    ]);
  });

  it("keeps each request's keys on its own lines when requests interleave on one logger", () => {
    // Prepare
    const root = createLogger('INFO');
    const first = requestLogger(root, 'gw-a', aLambdaContext({ awsRequestId: 'lambda-a' }));
    const second = requestLogger(root, 'gw-b', aLambdaContext({ awsRequestId: 'lambda-b' }));

    // Act
    first.info('from a');
    second.info('from b');
    first.info('from a again');
    root.info('between requests');

    // Assess
    expect(parsedLines().map((line) => [line.message, line.request_id, line.function_request_id])).toEqual([
      ['from a', 'gw-a', 'lambda-a'],
      ['from b', 'gw-b', 'lambda-b'],
      ['from a again', 'gw-a', 'lambda-a'],
      ['between requests', undefined, undefined],
    ]);
  });

  it('follows the level of the logger it was made from', () => {
    // Prepare
    const logger = requestLogger(createLogger('WARN'), 'gw-3');

    // Act
    logger.info('request completed');
    logger.warn('kept');

    // Assess
    expect(parsedLines().map((line) => line.message)).toEqual(['kept']);
  });
});
