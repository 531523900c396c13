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
});
