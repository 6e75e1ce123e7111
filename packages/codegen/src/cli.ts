#!/usr/bin/env node
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { CodegenError } from './codegen-error.js';
import { generateFromFile } from './generate.js';
import {
  type CatalogFormat,
  type FormatMode,
  formatCommand,
  type GenerateOptions,
} from './options.js';

const usage = `Usage: hookline-codegen <catalog> --out <file.ts> [options]

Reads an event catalog and writes a TypeScript module with zod 4 schemas, their types, and the
\`events\` map for createWebhooks({ events }) of @hookline/core.

<catalog>                  a JSON or YAML file, or a folder of <event_type>.json|.yaml files

Options:
  -o, --out <file.ts>      the module to write (required)
  -f, --format <format>    jsonschema, openapi or asyncapi (default: detected from the catalog)
      --strict             objects reject unknown properties (default: they accept them)
      --formats <mode>     assert: check string formats such as email and uri (default);
                           annotate: leave them unchecked
      --type-field <name>  JSON Schema: the property whose const names the event type
      --event-name <regex> the first capture group of this pattern, applied to each definition,
                           file, webhook or message name, is the event type
      --check              write nothing; exit 1 when <file.ts> differs from the generated code
  -h, --help               print this help
`;

interface Arguments {
  readonly catalog: string;
  readonly out: string;
  readonly check: boolean;
  readonly options: GenerateOptions;
}

/** Parses the command line; returns `undefined` when `--help` requests the usage. */
function parseCommandLine(argv: readonly string[]): Arguments | undefined {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f' },
      strict: { type: 'boolean', default: false },
      formats: { type: 'string' },
      'type-field': { type: 'string' },
      'event-name': { type: 'string' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  const [catalog, ...extra] = positionals;
  if (catalog === undefined || extra.length > 0 || values.out === undefined) {
    throw invalidArguments('expected one <catalog> and --out <file.ts>');
  }
  const options: GenerateOptions = {
    ...(values.format === undefined ? {} : { format: values.format as CatalogFormat }),
    ...(values.strict ? { strict: true } : {}),
    ...(values.formats === undefined ? {} : { formats: values.formats as FormatMode }),
    ...(values['type-field'] === undefined ? {} : { typeField: values['type-field'] }),
    ...(values['event-name'] === undefined ? {} : { eventName: values['event-name'] }),
  };
  const command = formatCommand(catalog, { ...options, out: values.out });
  return { catalog, out: values.out, check: values.check, options: { ...options, command } };
}

function invalidArguments(message: string): CodegenError {
  return new CodegenError('HOOKLINE_CODEGEN_INVALID_OPTION', `${message}; see --help`);
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed === undefined) {
    process.stdout.write(usage);
    return 0;
  }
  const code = await generateFromFile(parsed.catalog, parsed.options);
  if (parsed.check) return checkFile(parsed.out, code);
  await mkdir(dirname(parsed.out), { recursive: true });
  await writeFile(parsed.out, code);
  return 0;
}

async function checkFile(path: string, code: string): Promise<number> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === code) return 0;
  process.stderr.write(`hookline-codegen: ${path} is out of date; run the command in its header\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    // Exit status 2 is a usage error (bad arguments), 1 a failed generation.
    const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
    const usageError =
      code === 'HOOKLINE_CODEGEN_INVALID_OPTION' ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`hookline-codegen: ${message}\n`);
    process.exitCode = usageError ? 2 : 1;
  },
);
