import { readCatalog } from './catalog.js';
import { emitModule } from './emit.js';
import { loadCatalog } from './load-catalog.js';
import { type GenerateOptions, resolveOptions } from './options.js';
import { planModule } from './plan.js';

/**
 * Generates a TypeScript module with zod 4 schemas, inferred types and the `events` map for
 * `createWebhooks`, from a catalog document whose `$ref`s are all local (`#/...`). Identical
 * input and options give byte-identical output.
 * @throws {CodegenError} `HOOKLINE_CODEGEN_UNSUPPORTED` for a schema construct with no zod
 *   translation, `HOOKLINE_CODEGEN_INVALID_CATALOG` for a catalog without events or with an
 *   unresolved `$ref`, `HOOKLINE_CODEGEN_INVALID_OPTION` for an invalid option.
 * @example
 * const code = generate(JSON.parse(text), { source: 'events.json' });
 */
export function generate(catalog: unknown, options: GenerateOptions = {}): string {
  const resolved = resolveOptions(options);
  const parsed = readCatalog(catalog, resolved);
  return emitModule(parsed, planModule(parsed), resolved);
}

/**
 * Reads a catalog file (JSON or YAML) or a folder of event schema files, resolves its external
 * `$ref`s, and generates the module as {@link generate} does.
 * @throws {CodegenError} as {@link generate} does, and `HOOKLINE_CODEGEN_INVALID_CATALOG` when
 *   the file cannot be read or parsed or a `$ref` cannot be resolved.
 * @example
 * const code = await generateFromFile('catalog/events.yaml', { strict: true });
 */
export async function generateFromFile(
  path: string,
  options: GenerateOptions = {},
): Promise<string> {
  const document = await loadCatalog(path);
  return generate(document, { source: path, ...options });
}
