import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { $RefParser, type ParserOptions } from '@apidevtools/json-schema-ref-parser';
import { parse as parseYaml } from 'yaml';
import { invalidCatalog } from './codegen-error.js';
import { joinPointer } from './pointer.js';

const extensions = new Set(['.json', '.yaml', '.yml']);

/**
 * Reads a catalog and bundles its `$ref`s: external files are inlined once and every `$ref`
 * becomes a local pointer, so recursive and shared schemas keep their names. A folder is read as
 * a JSON Schema catalog with one event per `<event_type>.json`, `.yaml` or `.yml` file in it.
 * Only local files are read; `http:` and `https:` references are rejected.
 * @throws {CodegenError} `HOOKLINE_CODEGEN_INVALID_CATALOG` when a file cannot be read or parsed
 *   or a `$ref` cannot be resolved.
 */
export async function loadCatalog(path: string): Promise<unknown> {
  const absolute = resolve(path);
  const info = await stat(absolute).catch((cause: unknown) => {
    throw invalidCatalog(`cannot read the catalog ${path}: ${describe(cause)}`);
  });
  const document = info.isDirectory()
    ? await folderCatalog(absolute)
    : await readDocument(absolute);
  const base = info.isDirectory() ? join(absolute, 'catalog.json') : absolute;
  try {
    return await $RefParser.bundle(base, document as object, refParserOptions);
  } catch (cause) {
    throw invalidCatalog(`cannot resolve the $refs of ${path}: ${describe(cause)}`);
  }
}

const refParserOptions: ParserOptions = {
  resolve: { http: false, external: true },
  parse: {
    yaml: {
      order: 200,
      canParse: ['.yaml', '.yml'],
      parse: (file: { data: Buffer | string }) => parseYaml(file.data.toString()) as unknown,
    },
  },
};

/** Parses one JSON or YAML file (YAML is a superset of JSON, so both parse as YAML). */
export async function readDocument(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw invalidCatalog(`cannot read ${path}: ${describe(cause)}`);
  });
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw invalidCatalog(`cannot parse ${path}: ${describe(cause)}`);
  }
}

/** Builds a root document that lists each file of the folder as an event in `$defs`. */
async function folderCatalog(folder: string): Promise<unknown> {
  const files = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && extensions.has(extname(entry.name)))
    .map((entry) => entry.name)
    .sort();
  if (files.length === 0) {
    throw invalidCatalog(`the folder ${folder} has no .json, .yaml or .yml event schemas`);
  }
  const $defs: Record<string, unknown> = {};
  for (const file of files) {
    const name = basename(file, extname(file));
    if ($defs[name] !== undefined) throw invalidCatalog(`two files in ${folder} define "${name}"`);
    $defs[name] = { $ref: `./${encodeURI(file)}` };
  }
  return {
    $defs,
    oneOf: Object.keys($defs).map((name) => ({ $ref: joinPointer('#', '$defs', name) })),
  };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
