import { aLambdaContext, captureLogs } from '@userprofile/testing';

describe('publish-profile-changes Lambda entry', () => {
  const saved = process.env.EVENT_BUS_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.EVENT_BUS_NAME;
    else process.env.EVENT_BUS_NAME = saved;
  });

  it('refuses to start without EVENT_BUS_NAME, saying what is missing', () => {
    delete process.env.EVENT_BUS_NAME;

    jest.isolateModules(() => {
      expect(() => jest.requireActual('../../src/publish-profile-changes')).toThrow('EVENT_BUS_NAME is not set');
    });
  });

  it("writes the batch's summary line with Powertools' Lambda context keys", async () => {
    // Prepare
    process.env.EVENT_BUS_NAME = 'profile-events';
    let handler: typeof import('../../src/publish-profile-changes').handler | undefined;
    jest.isolateModules(() => {
      handler = jest.requireActual<typeof import('../../src/publish-profile-changes')>(
        '../../src/publish-profile-changes',
      ).handler;
    });
    const context = aLambdaContext({ awsRequestId: 'stream-invocation-1' });
    const logs = captureLogs();

    // Act
    try {
      await handler!({ Records: [] }, context);
    } finally {
      logs.restore();
    }

    // Assess
    const lines = logs.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.message === 'stream batch processed')).toMatchObject({
      records: 0,
      cold_start: expect.any(Boolean),
      function_name: context.functionName,
      function_request_id: 'stream-invocation-1',
    });
  });
});
