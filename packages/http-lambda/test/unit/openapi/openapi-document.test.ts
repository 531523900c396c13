import { buildOpenApiDocument } from '../../../src/openapi/openapi-document';
import { ROUTES } from '../../../src/routes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' }) as Json;

  it('is OpenAPI 3.1 for a deployed stage first, then the given local server', () => {
    // Prepare
    const local = buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:4321' }) as Json;

    // Assess
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers[0].url).toBe('https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}');
    expect(Object.keys(document.servers[0].variables).sort()).toEqual(['region', 'restApiId', 'stage']);
    expect(document.servers[1].url).toBe('http://127.0.0.1:3000');
    expect(local.servers[1].url).toBe('http://127.0.0.1:4321');
  });

  it.each(ROUTES.map((route) => [route.method, route.path, route.functionName]))(
    'documents %s %s, served by %s',
    (method, path, functionName) => {
      // Prepare
      const { operationId } = document.paths[path][method.toLowerCase()];

      // Assess: the profile's PUT shares PATCH's function but not its operationId.
      expect(operationId).toBe(method === 'PUT' && path === '/users/{userId}' ? 'ReplaceUserProfile' : functionName);
    },
  );

  it('gives every operation its own operationId', () => {
    // Prepare
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item as Json).flatMap((operation) => (operation as Json).operationId ?? []),
    );

    // Assess
    expect(ids.length).toBeGreaterThan(ROUTES.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves out what only the local server answers', () => {
    // Assess
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(ROUTES.map((route) => route.path))].sort());
    expect(Object.keys(document.paths)).not.toContain('/health');
    expect(Object.keys(document.paths)).not.toContain('/openapi.json');
  });

  it('takes the request bodies from the DTOs, refusing unknown fields', () => {
    // Prepare
    const { CreateUserProfileBody: create, UpdateUserProfileBody: update } = document.components.schemas;

    // Assess
    expect(Object.keys(create.properties).sort()).toEqual(['email', 'firstName', 'lastName', 'phoneNumber', 'userId']);
    expect(create.required.sort()).toEqual(['email', 'firstName', 'lastName']);
    expect(create.additionalProperties).toBe(false);
    expect(Object.keys(update.properties).sort()).toEqual(['email', 'firstName', 'lastName', 'phoneNumber']);
    expect(update.required).toBeUndefined();
    expect(update.properties.phoneNumber.type).toEqual(['string', 'null']);
  });

  it('takes the list query parameters from the DTO: paging only, no email', () => {
    // Assess
    const names = document.paths['/users'].get.parameters.map((p: Json) => p.name).sort();
    expect(names).toEqual(['cursor', 'limit']);
  });

  it('documents the lookup with the email in its body, and the old query form as lookup-moved', () => {
    // Prepare
    const search = document.paths['/users/search'].post;
    const body = document.components.schemas.SearchUserProfilesBody;

    // Assess
    expect(search.parameters).toBeUndefined();
    expect(search.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SearchUserProfilesBody',
    });
    expect(Object.keys(body.properties).sort()).toEqual(['cursor', 'email', 'limit']);
    expect(body.required).toEqual(['email']);
    expect(body.properties.limit.type).toBe('integer');
    expect(document.paths['/users'].get.responses['400'].description).toContain('/problems/validation');
    expect(document.paths['/users'].get.responses['400'].description).toContain('/problems/lookup-moved');
    expect(document.components.schemas.Problem.properties.type.enum).toContain('/problems/lookup-moved');
  });

  it('resolves every $ref', () => {
    // Prepare
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);

    // Assess
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(document.components.schemas[name]).toBeDefined();
  });
});
