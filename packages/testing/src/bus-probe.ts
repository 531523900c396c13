import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  DeleteMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

import { setUpClientConfig } from './moto-server';

/** A bus on a moto server, with a rule sending every `userprofile` event to an SQS queue. */
export interface BusProbe {
  readonly eventBusName: string;
  /**
   * Reads the queue until `count` messages have arrived (or `waitMs` passed) and then all that are
   * left, and returns their bodies parsed: the events as a rule's target receives them. Read
   * messages are deleted.
   */
  receive(count: number, waitMs?: number): Promise<Record<string, unknown>[]>;
  destroy(): void;
}

let probes = 0;

/** Creates a fresh bus, queue and rule on the moto server at `endpoint`. */
export async function createBusProbe(endpoint: string): Promise<BusProbe> {
  const events = new EventBridgeClient(setUpClientConfig(endpoint));
  const sqs = new SQSClient(setUpClientConfig(endpoint));
  const name = `userprofile-probe-${process.pid}-${++probes}`;
  await events.send(new CreateEventBusCommand({ Name: name }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await events.send(
    new PutRuleCommand({
      Name: `${name}-all`,
      EventBusName: name,
      EventPattern: JSON.stringify({ source: ['userprofile'] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: `${name}-all`,
      EventBusName: name,
      Targets: [{ Id: 'queue', Arn: Attributes?.QueueArn }],
    }),
  );
  return {
    eventBusName: name,
    async receive(count, waitMs = 30_000) {
      const bodies: Record<string, unknown>[] = [];
      const deadline = Date.now() + waitMs;
      // Until `count` arrived, then on until the queue is empty: moto delivers during PutEvents,
      // so an event beyond those expected is already there to be seen.
      for (let drained = false; !drained && Date.now() < deadline;) {
        const waiting = bodies.length < count;
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waiting ? 1 : 0 }),
        );
        drained = !waiting && Messages.length === 0;
        for (const message of Messages) bodies.push(JSON.parse(message.Body ?? 'null') as Record<string, unknown>);
        if (Messages.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl,
              Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
            }),
          );
        }
      }
      return bodies;
    },
    destroy() {
      events.destroy();
      sqs.destroy();
    },
  };
}
