/**
 * A log group's ARN as CDK writes it from the group's logical id: joined from the partition,
 * region and account, without the `:*` suffix that `GetAtt Arn` carries.
 */
export const logGroupArnJoin = (groupId: string): unknown => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':logs:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':log-group:',
      { Ref: groupId },
    ],
  ],
});
