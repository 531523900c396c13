import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { StoreUnavailableError } from '@userprofile/domain';
import { closedPort, setUpClientConfig, useMoto } from '@userprofile/testing';

import { CognitoAccountDirectory, createCognitoClient } from '../../src';

/*
 * On moto's cognito-idp, with a pool whose sign-in attribute is the email, as the end users' pool
 * is (user-pool-basics.ts): there, as in Cognito, an account's username is its `sub`, so
 * `AdminDeleteUser` with the `sub` finds it. (moto does not accept the `sub` in place of a
 * separate username, which Cognito does; our pool has none.)
 */
describe('CognitoAccountDirectory on the Cognito protocol (moto)', () => {
  const moto = useMoto((endpoint) => {
    const pair = {
      directoryClient: createCognitoClient({ endpoint }),
      setUp: new CognitoIdentityProviderClient(setUpClientConfig(endpoint)),
    };
    return { ...pair, destroy: () => [pair.directoryClient, pair.setUp].forEach((client) => client.destroy()) };
  });
  let userPoolId: string;

  beforeAll(async () => {
    const { UserPool } = await moto.client.setUp.send(
      new CreateUserPoolCommand({ PoolName: 'end-users', UsernameAttributes: ['email'] }),
    );
    userPoolId = UserPool!.Id!;
  }, 60_000);

  /** A confirmed account; its `sub`. */
  const anAccount = async (email: string): Promise<string> => {
    const { User } = await moto.client.setUp.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    return User!.Attributes!.find((attribute) => attribute.Name === 'sub')!.Value!;
  };
  const usersOf = async (): Promise<string[]> => {
    const { Users } = await moto.client.setUp.send(new ListUsersCommand({ UserPoolId: userPoolId }));
    return (Users ?? []).flatMap((user) => user.Attributes!.filter((a) => a.Name === 'email').map((a) => a.Value!));
  };

  it('deletes the account by its sub (AdminDeleteUser), and leaves the others', async () => {
    // Prepare
    const ada = await anAccount('ada@example.org');
    await anAccount('grace@example.org');
    const directory = new CognitoAccountDirectory(moto.client.directoryClient, userPoolId);

    // Act
    const before = await directory.hasAccount(ada);
    await directory.deleteAccount(ada);

    // Assess
    expect(before).toBe(true);
    expect(await directory.hasAccount(ada)).toBe(false);
    expect(await usersOf()).toEqual(['grace@example.org']);
  });

  it('is done when the account is gone already: a retried erasure finishes', async () => {
    // Prepare
    const sub = await anAccount('erased.twice@example.org');
    const directory = new CognitoAccountDirectory(moto.client.directoryClient, userPoolId);
    await directory.deleteAccount(sub);

    // Act, Assess
    await expect(directory.deleteAccount(sub)).resolves.toBeUndefined();
    await expect(directory.deleteAccount('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
  });

  it('answers StoreUnavailableError when the user pool cannot be reached', async () => {
    // Prepare
    const unreachable = createCognitoClient({ endpoint: await closedPort() });
    const directory = new CognitoAccountDirectory(unreachable, userPoolId);

    // Act, Assess
    await expect(directory.deleteAccount('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    unreachable.destroy();
  });
});
