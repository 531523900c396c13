import { DEFAULT_DYNAMODB_TEST_IMAGE, dynamoDbContainerSpec } from '../containers/support/container-spec';

describe('dynamoDbContainerSpec (which image the container tests run, and how)', () => {
  it('runs our offline-built dynalite image by default', () => {
    expect(dynamoDbContainerSpec({})).toEqual({ image: DEFAULT_DYNAMODB_TEST_IMAGE, port: 8000 });
  });

  it.each([
    'amazon/dynamodb-local',
    'amazon/dynamodb-local:2.5.2',
    'public.ecr.aws/aws-dynamodb-local/amazon/dynamodb-local:latest',
  ])('runs %s on its port 8000 with its jar, in memory, one shared database', (image) => {
    expect(dynamoDbContainerSpec({ DYNAMODB_TEST_IMAGE: image, DYNAMODB_TEST_IMAGE_PORT: '9999' })).toEqual({
      image,
      port: 8000,
      command: ['-jar', 'DynamoDBLocal.jar', '-inMemory', '-sharedDb'],
    });
  });

  it('runs any other image with its own command on the port given', () => {
    expect(
      dynamoDbContainerSpec({ DYNAMODB_TEST_IMAGE: 'example/dynamo-api:1', DYNAMODB_TEST_IMAGE_PORT: '4566' }),
    ).toEqual({
      image: 'example/dynamo-api:1',
      port: 4566,
    });
  });
});
