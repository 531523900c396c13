/**
 * Published on-demand prices, us-east-1, as checked on 2026-11-25. Each names where it is
 * published; re-check them before quoting a figure (prices change, as DynamoDB's did in Nov 2024).
 */
export const PRICES = {
  checked: '2026-11-25',
  region: 'us-east-1',
  /** https://aws.amazon.com/lambda/pricing/ : arm64, first 7.5 billion GB-s a month. */
  lambdaArm64PerGbSecond: 0.0000133334,
  /** https://aws.amazon.com/lambda/pricing/ : x86_64, first 6 billion GB-s a month. */
  lambdaX86PerGbSecond: 0.0000166667,
  /** https://aws.amazon.com/lambda/pricing/ : per request, either architecture. */
  lambdaPerMillionRequests: 0.2,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ (after the Nov 2024 price cut). */
  dynamoDbPerMillionReadUnits: 0.125,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ (after the Nov 2024 price cut). */
  dynamoDbPerMillionWriteUnits: 0.625,
  /** https://aws.amazon.com/api-gateway/pricing/ : REST APIs, first 333 million requests a month. */
  apiGatewayRestPerMillionRequests: 3.5,
} as const;
