// Generates zod modules from GitHub's published webhook catalogs for the round trip tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generateFromFile } from '../src/index.js';
import { generatedDir } from './helpers.js';

const require = createRequire(import.meta.url);

/** The catalogs on npm: JSON Schema from @octokit/webhooks-schemas, OpenAPI 3.1 webhooks. */
export const githubCatalogs = {
  jsonSchema: require.resolve('@octokit/webhooks-schemas/schema.json'),
  openApi: require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'),
};

/** The paths of the generated modules; test files use their own `tag`, as they run in parallel. */
export interface GitHubModules {
  readonly jsonSchema: string;
  readonly openApi: string;
}

/** Generates both GitHub modules into the git-ignored test folder. */
export async function generateGitHubModules(tag: string): Promise<GitHubModules> {
  mkdirSync(generatedDir, { recursive: true });
  const githubModules = {
    jsonSchema: `${generatedDir}github-${tag}-webhooks-schemas.ts`,
    openApi: `${generatedDir}github-${tag}-openapi-webhooks.ts`,
  };
  // The JSON Schema catalog names each event definition `<event>_event` or `<event>$event`.
  const fromSchemas = await generateFromFile(githubCatalogs.jsonSchema, {
    source: '@octokit/webhooks-schemas/schema.json',
    eventName: '^(.+)[_$]event$',
  });
  writeFileSync(githubModules.jsonSchema, fromSchemas);
  const fromOpenApi = await generateFromFile(githubCatalogs.openApi, {
    source: '@octokit/openapi-webhooks/generated/api.github.com.json',
  });
  writeFileSync(githubModules.openApi, fromOpenApi);
  return githubModules;
}

/** One example delivery from @octokit/webhooks-examples. */
export interface GitHubExample {
  /** The `X-GitHub-Event` name, such as `check_run`. */
  readonly event: string;
  readonly action: string | undefined;
  readonly index: number;
  readonly payload: Record<string, unknown>;
}

/** Lists every example payload for api.github.com. */
export function githubExamples(): GitHubExample[] {
  const definitions = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: Record<string, unknown>[];
  }[];
  return definitions.flatMap((definition) =>
    definition.examples.map((payload, index) => ({
      event: definition.name,
      action: typeof payload.action === 'string' ? payload.action : undefined,
      index,
      payload,
    })),
  );
}

/**
 * Returns the OpenAPI webhook key of an example: `<event>-<action>` in kebab case. Repository dispatch
 * actions are chosen by the sender, so the OpenAPI document has one sample webhook for them.
 */
export function openApiKey(example: GitHubExample): string {
  if (example.event === 'repository_dispatch') return 'repository-dispatch-sample.collected';
  const name = example.event.replaceAll('_', '-');
  return example.action === undefined ? name : `${name}-${example.action.replaceAll('_', '-')}`;
}
