import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generateFromOpenApi } from './openapi.ts';

/** A small vendor document: a read by id, a batch read of the same resource, a write. */
const SPEC = `
openapi: 3.0.0
info: { title: Loyalty, version: "1" }
servers: [{ url: "https://api.loyalty.example" }]
paths:
  /v1/members/{memberId}:
    get:
      operationId: getMember
      description: Get one member
      parameters: [{ name: memberId, in: path, required: true, description: "Member id", schema: { type: string } }]
      responses:
        "200": { description: OK, content: { application/json: { schema: { $ref: "#/components/schemas/Member" } } } }
  /v1/members:
    get:
      operationId: getMembers
      description: Get members by id
      parameters: [{ name: memberIds, in: query, schema: { type: array, items: { type: string } } }]
      responses:
        "200": { description: OK, content: { application/json: { schema: { $ref: "#/components/schemas/Member" } } } }
  /v1/points:
    post:
      operationId: addPoints
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "200": { description: OK } }
components:
  schemas:
    Member:
      type: object
      required: [memberId, points]
      properties:
        memberId: { type: string, description: "The member's id" }
        points: { type: integer, description: "Points balance" }
        tier: { type: string, description: "Tier name (\\"gold\\")" }
`;

describe('generateFromOpenApi', () => {
  it('writes typed client, loaders over the batch read and a schema with the spec\'s descriptions; a second run keeps hand-finished files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omnigraph-openapi-'));
    const spec = join(dir, 'loyalty.yml');
    await writeFile(spec, SPEC);
    const out = join(dir, 'subgraph');
    const files = await generateFromOpenApi({ name: 'loyalty', spec, outDir: out });
    expect(files.map((f) => [f.path.slice(out.length + 1), f.status])).toEqual([
      ['openapi/loyalty.yml', 'written'],
      ['src/connector/api.ts', 'written'],
      ['src/connector/client.ts', 'written'],
      ['src/loaders.ts', 'written'],
      ['schema.graphql', 'written'],
    ]);
    const api = await readFile(join(out, 'src/connector/api.ts'), 'utf8');
    expect(api).toContain('"/v1/members/{memberId}"');
    expect(api).toMatch(/points: number/);
    const loaders = await readFile(join(out, 'src/loaders.ts'), 'utf8');
    expect(loaders).toContain('memberByMemberId');
    expect(loaders).toContain("client.GET('/v1/members'");
    expect(loaders).toContain('memberIds: [...keys]');
    const sdl = await readFile(join(out, 'schema.graphql'), 'utf8');
    const schema = buildSchema(sdl.replace(/extend schema[\s\S]*?\n\n/, ''), { assumeValidSDL: true });
    const member = schema.getType('LoyaltyMember') as import('graphql').GraphQLObjectType;
    expect(member.getFields().points?.type.toString()).toBe('Int!');
    expect(member.getFields().tier?.description).toBe('Tier name ("gold")');
    expect(schema.getQueryType()?.getFields().member?.args[0]?.name).toBe('memberId');
    expect(() => parse(sdl)).not.toThrow();

    await writeFile(join(out, 'schema.graphql'), '# finished by hand\n');
    const again = await generateFromOpenApi({ name: 'loyalty', spec, outDir: out });
    expect(again.find((f) => f.path.endsWith('schema.graphql'))?.status).toBe('kept');
    expect(await readFile(join(out, 'schema.graphql'), 'utf8')).toBe('# finished by hand\n');
  });

  it('refuses an operation the document does not have, and a document that is not OpenAPI 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omnigraph-openapi-'));
    const spec = join(dir, 'loyalty.yml');
    await writeFile(spec, SPEC);
    await expect(generateFromOpenApi({ name: 'loyalty', spec, resources: ['getNothing'], outDir: join(dir, 'x') })).rejects.toThrow(/no operation getNothing/);
    await writeFile(join(dir, 'swagger.yml'), 'swagger: "2.0"\n');
    await expect(generateFromOpenApi({ name: 'loyalty', spec: join(dir, 'swagger.yml'), outDir: join(dir, 'y') })).rejects.toThrow(/not an OpenAPI 3 document/);
  });
});
