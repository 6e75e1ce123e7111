import { CodegenError } from './codegen-error.js';

/** The catalog formats that the generator reads. */
export type CatalogFormat = 'jsonschema' | 'openapi' | 'asyncapi';

/** Whether string formats are checked (`assert`) or only documented (`annotate`). */
export type FormatMode = 'assert' | 'annotate';

/** Options of `generate` and `generateFromFile`. */
export interface GenerateOptions {
  /**
   * The catalog format. Detected from the document when omitted: an `openapi` key means OpenAPI,
   * an `asyncapi` key AsyncAPI, anything else (or a folder) a JSON Schema catalog.
   */
  format?: CatalogFormat;
  /**
   * Makes objects reject unknown properties (`z.strictObject`). By default objects accept them
   * (`z.looseObject`), so a field that the provider adds later does not start rejecting
   * deliveries. A schema's own `additionalProperties` always wins.
   * @default false
   */
  strict?: boolean;
  /**
   * Whether string formats are checked. `assert` checks `date-time`, `date`, `time`, `email`,
   * `uri`, `uuid`, `ipv4` and `ipv6`; `annotate` leaves every format unchecked, as JSON Schema
   * 2020-12 does by default, for catalogs whose senders send values that break their formats
   * (GitHub sends `homepage: ""` for a `uri` field).
   * @default 'assert'
   */
  formats?: FormatMode;
  /**
   * For JSON Schema catalogs, the property whose `const` (or one-value `enum`) names the event
   * type, when the event schema has no `x-event-type`.
   * @default undefined (the definition or file name is the event type)
   */
  typeField?: string;
  /**
   * A regular expression applied to the name an event type is taken from (a definition name, a
   * file name, an OpenAPI webhook key or an AsyncAPI message name). The first capture group, or
   * the whole match, becomes the event type: `^(.+)_event$` turns `check_run_event` into
   * `check_run`. A name that does not match is an error.
   * @default undefined (names are used as they are)
   */
  eventName?: string;
  /**
   * The command printed in the header of the generated file as the way to regenerate it.
   * @default a `hookline-codegen` command built from the other options
   */
  command?: string;
  /**
   * The catalog's path or name printed in the header.
   * @default 'the catalog'
   */
  source?: string;
}

export interface ResolvedOptions {
  readonly format: CatalogFormat | undefined;
  readonly strict: boolean;
  readonly formats: FormatMode;
  readonly typeField: string | undefined;
  readonly eventName: RegExp | undefined;
  readonly command: string;
  readonly source: string;
}

const formats: readonly CatalogFormat[] = ['jsonschema', 'openapi', 'asyncapi'];

/**
 * Checks the options and fills in defaults.
 * @throws {CodegenError} `HOOKLINE_CODEGEN_INVALID_OPTION` for an unknown format or an invalid
 *   regular expression.
 */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  if (options.format !== undefined && !formats.includes(options.format)) {
    throw new CodegenError(
      'HOOKLINE_CODEGEN_INVALID_OPTION',
      `format "${String(options.format)}" is not supported; use ${formats.join(', ')}`,
    );
  }
  const source = options.source ?? 'the catalog';
  return {
    format: options.format,
    strict: options.strict ?? false,
    formats: checkFormatMode(options.formats),
    typeField: options.typeField,
    eventName: compileEventName(options.eventName),
    command: options.command ?? formatCommand(source, options),
    source,
  };
}

function checkFormatMode(mode: FormatMode | undefined): FormatMode {
  if (mode === undefined || mode === 'assert' || mode === 'annotate') return mode ?? 'assert';
  throw new CodegenError(
    'HOOKLINE_CODEGEN_INVALID_OPTION',
    `formats "${String(mode)}" is not supported; use assert or annotate`,
  );
}

function compileEventName(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, 'u');
  } catch (cause) {
    throw new CodegenError(
      'HOOKLINE_CODEGEN_INVALID_OPTION',
      `eventName "${pattern}" is not a valid regular expression`,
      { cause },
    );
  }
}

/** Builds the `hookline-codegen` command line that reproduces a generation. */
export function formatCommand(
  source: string,
  options: GenerateOptions & { out?: string | undefined },
): string {
  const args = ['hookline-codegen', quote(source)];
  if (options.out !== undefined) args.push('--out', quote(options.out));
  if (options.format !== undefined) args.push('--format', options.format);
  if (options.strict === true) args.push('--strict');
  if (options.formats === 'annotate') args.push('--formats', 'annotate');
  if (options.typeField !== undefined) args.push('--type-field', quote(options.typeField));
  if (options.eventName !== undefined) args.push('--event-name', quote(options.eventName));
  return args.join(' ');
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/u.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
