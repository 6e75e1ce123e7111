import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import {
  type GitHubExample,
  generateGitHubModules,
  githubCatalogs,
  githubExamples,
  openApiKey,
} from './github.js';

// The generated modules are checked against ajv, a reference JSON Schema validator. Where both
// reject an example, the upstream schema and example disagree, which is a finding about the
// catalog. Where only one rejects it, the translation is wrong.
const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
const examples = githubExamples();
let fromSchemas: Record<string, z.ZodType>;
let fromOpenApi: Record<string, z.ZodType>;

beforeAll(async () => {
  const githubModules = await generateGitHubModules('round-trip');
  fromSchemas = ((await import(githubModules.jsonSchema)) as { events: typeof fromSchemas }).events;
  fromOpenApi = ((await import(githubModules.openApi)) as { events: typeof fromOpenApi }).events;
}, 60_000);

interface Disagreement {
  readonly example: string;
  readonly ajv: boolean;
  readonly zod: boolean;
}

function label(example: GitHubExample): string {
  return `${example.event}.${example.action ?? '-'}#${example.index}`;
}

function compare(
  pick: (example: GitHubExample) => { zod: z.ZodType | undefined; ajv: ValidateFunction },
) {
  const disagreements: Disagreement[] = [];
  const rejected: string[] = [];
  for (const example of examples) {
    const { zod, ajv } = pick(example);
    const zodResult = zod?.safeParse(example.payload).success ?? false;
    const ajvResult = ajv(example.payload);
    if (zodResult !== ajvResult) {
      disagreements.push({ example: label(example), ajv: ajvResult, zod: zodResult });
    }
    if (!ajvResult) rejected.push(label(example));
  }
  return { disagreements, rejected };
}

describe('GitHub webhooks round trip', () => {
  test('has an event for every example in both modules', () => {
    const missingSchemas = examples.filter((example) => fromSchemas[example.event] === undefined);
    const missingOpenApi = examples.filter(
      (example) => fromOpenApi[openApiKey(example)] === undefined,
    );
    expect(missingSchemas.map(label)).toEqual([]);
    expect(missingOpenApi.map(label)).toEqual([]);
    expect(examples.length).toBeGreaterThan(300);
  });

  test('agrees with ajv on every example for @octokit/webhooks-schemas', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(require(githubCatalogs.jsonSchema) as object, 'github');
    const { disagreements, rejected } = compare((example) => ({
      zod: fromSchemas[example.event],
      ajv: (ajv.getSchema(`github#/definitions/${example.event}_event`) ??
        ajv.getSchema(`github#/definitions/${example.event}$event`)) as ValidateFunction,
    }));
    expect(disagreements).toEqual([]);
    // Upstream findings: examples older than fields the schema now requires, and a few values
    // that break their own schema. The number only moves when the upstream packages change.
    expect(rejected.length).toBeLessThan(examples.length);
  });

  test('agrees with ajv on every example for @octokit/openapi-webhooks', () => {
    const document = require(githubCatalogs.openApi) as {
      webhooks: Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> } } }
      >;
    };
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addFormat('int64', true);
    ajv.addSchema(document, 'openapi');
    const { disagreements, rejected } = compare((example) => {
      const key = openApiKey(example);
      const body = document.webhooks[key]?.post.requestBody.content['application/json'];
      return {
        zod: fromOpenApi[key],
        ajv: ajv.getSchema(`openapi${body?.schema.$ref ?? '#/missing'}`) as ValidateFunction,
      };
    });
    expect(disagreements).toEqual([]);
    expect(rejected.length).toBeLessThan(examples.length);
  }, 60_000);
});
