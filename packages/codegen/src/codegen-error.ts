/**
 * The codes of {@link CodegenError}. They are stable: scripts may branch on them.
 * - `HOOKLINE_CODEGEN_UNSUPPORTED`: the catalog uses a schema construct with no zod translation.
 * - `HOOKLINE_CODEGEN_INVALID_CATALOG`: the catalog cannot be read, parsed, resolved or has no
 *   events in the expected place.
 * - `HOOKLINE_CODEGEN_INVALID_OPTION`: an option or command-line argument is invalid.
 */
export type CodegenErrorCode =
  | 'HOOKLINE_CODEGEN_UNSUPPORTED'
  | 'HOOKLINE_CODEGEN_INVALID_CATALOG'
  | 'HOOKLINE_CODEGEN_INVALID_OPTION';

/**
 * The error that `generate`, `generateFromFile` and the command raise. `pointer` is the JSON
 * pointer (`#/components/schemas/order/properties/items`) of the offending schema, when there is
 * one.
 */
export class CodegenError extends Error {
  readonly code: CodegenErrorCode;
  readonly pointer: string | undefined;

  constructor(
    code: CodegenErrorCode,
    message: string,
    options: { pointer?: string; cause?: unknown } = {},
  ) {
    super(
      options.pointer === undefined ? message : `${message} (at ${options.pointer})`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'CodegenError';
    this.code = code;
    this.pointer = options.pointer;
  }
}

/** Returns whether `value` is a {@link CodegenError}, also across copies of this package. */
export function isCodegenError(value: unknown): value is CodegenError {
  return (
    value instanceof Error &&
    value.name === 'CodegenError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

export function unsupported(message: string, pointer: string): CodegenError {
  return new CodegenError('HOOKLINE_CODEGEN_UNSUPPORTED', message, { pointer });
}

export function invalidCatalog(message: string, pointer?: string): CodegenError {
  return new CodegenError(
    'HOOKLINE_CODEGEN_INVALID_CATALOG',
    message,
    pointer === undefined ? {} : { pointer },
  );
}
