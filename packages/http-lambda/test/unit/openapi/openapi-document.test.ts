import { buildOpenApiDocument } from '../../../src/openapi/openapi-document';
import { ROUTES } from '../../../src/routes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' }) as Json;

  it('is OpenAPI 3.1 for the given server', () => {
    // Assess
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'http://127.0.0.1:3000' }]);
  });

  it.each(ROUTES.map((route) => [route.method, route.path, route.functionName]))(
    'documents %s %s as %s',
    (method, path, functionName) => {
      // Assess
      expect(document.paths[path][method.toLowerCase()].operationId).toBe(functionName);
    },
  );

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
