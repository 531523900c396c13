import { aLambdaContext, captureLogs } from '@userprofile/testing';

import { createLogger, requestLogger } from '../../../src/logging/logger';

const SUMMARY = { method: 'PATCH', route: '/users/{userId}', status: 200 };
const TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

describe('requestLogger', () => {
  let logs: ReturnType<typeof captureLogs>;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => {
    logs.restore();
    delete process.env._X_AMZN_TRACE_ID;
  });

  const parsedLines = (): Record<string, unknown>[] =>
    logs.lines().map((line) => JSON.parse(line) as Record<string, unknown>);

  describe('completed', () => {
    it('writes one JSON line with the ids, method, route pattern and status, shaped as a Powertools line', () => {
      // Prepare
      const context = aLambdaContext();
      const logger = requestLogger(createLogger('INFO'), 'gw-1', context);

      // Act
      logger.completed(SUMMARY);

      // Assess
      const lines = parsedLines();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toEqual({
        level: 'INFO',
        message: 'request completed',
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        service: 'userprofile',
        function_request_id: context.awsRequestId,
        requestId: 'gw-1',
        ...SUMMARY,
      });
      expect(Object.keys(lines[0]!).slice(0, 4)).toEqual(['level', 'message', 'timestamp', 'service']);
    });

    it('carries the X-Ray trace id of the invocation, as Powertools lines do', () => {
      // Prepare
      process.env._X_AMZN_TRACE_ID = TRACE;
      const logger = requestLogger(createLogger('INFO'), 'gw-2');

      // Act
      logger.completed(SUMMARY);
      logger.info('beside it');

      // Assess
      const [summary, powertools] = parsedLines();
      expect(summary!.xray_trace_id).toBe('1-5759e988-bd862e3fe1be46a994272793');
      expect(summary!.xray_trace_id).toBe(powertools!.xray_trace_id);
      expect(summary!.function_request_id).toBeUndefined();
    });

    it.each(['WARN', 'ERROR', 'SILENT'])('writes nothing when the logger is at %s', (level) => {
      // Prepare
      const logger = requestLogger(createLogger(level), 'gw-3');

      // Act
      logger.completed(SUMMARY);

      // Assess
      expect(logs.lines()).toEqual([]);
    });

    it('follows a level changed after the logger was made', () => {
      // Prepare
      const parent = createLogger('WARN');
      const logger = requestLogger(parent, 'gw-4');

      // Act
      parent.setLogLevel('DEBUG');
      logger.completed(SUMMARY);

      // Assess
      expect(parsedLines().map((line) => line.message)).toEqual(['request completed']);
    });
  });

  it('adds the request id to every other line, through Powertools', () => {
    // Prepare
    const logger = requestLogger(createLogger('INFO'), 'gw-5', aLambdaContext());

    // Act
    logger.info('one');
    logger.warn('two', { detail: 1 });
    logger.error('three');

    // Assess
    const lines = parsedLines();
    expect(lines.map((line) => [line.level, line.message, line.requestId])).toEqual([
      ['INFO', 'one', 'gw-5'],
      ['WARN', 'two', 'gw-5'],
      ['ERROR', 'three', 'gw-5'],
    ]);
    expect(lines.every((line) => typeof line.function_request_id === 'string')).toBe(true);
  });
});
