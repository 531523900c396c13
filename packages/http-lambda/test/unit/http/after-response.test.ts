import { PostResponseQueue } from '../../../src/http/after-response';

describe('PostResponseQueue', () => {
  const loggerInto = (lines: string[]) => ({ warn: (message: string) => void lines.push(message) });

  it('logs an item that overruns its time limit and runs the next one', async () => {
    // Prepare
    const queue = new PostResponseQueue({ drainedBy: 'host', itemTimeoutMs: 10 });
    const warnings: string[] = [];
    const done: string[] = [];
    queue.defer('stuck item not done', () => new Promise<void>(() => undefined), loggerInto(warnings));
    queue.defer('next item not done', async () => void done.push('next'), loggerInto(warnings));

    // Act
    await queue.drain();

    // Assess
    expect(warnings).toEqual(['stuck item not done']);
    expect(done).toEqual(['next']);
  });

  it('leaves the work to its host: responding does not run it, draining does', async () => {
    // Prepare
    const queue = new PostResponseQueue({ drainedBy: 'host' });
    const done: string[] = [];
    queue.defer('item not done', async () => void done.push('item'), loggerInto([]));

    // Act
    await queue.responded('request-1');
    const beforeDrain = [...done];
    await queue.drain();

    // Assess
    expect(beforeDrain).toEqual([]);
    expect(done).toEqual(['item']);
  });
});
