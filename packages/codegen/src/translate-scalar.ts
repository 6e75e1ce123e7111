import { unsupported } from './codegen-error.js';
import { concat, type Doc } from './doc.js';
import { joinPointer } from './pointer.js';

/**
 * zod 4 schemas for the string formats that are checked. Other formats (`uri-template`,
 * `int64`, ...) are annotations, as JSON Schema treats unknown formats, and stay `z.string()`.
 */
const formats: Record<string, string> = {
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
  time: 'z.iso.time()',
  email: 'z.email()',
  uri: 'z.url()',
  uuid: 'z.uuid()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
};

/** Translates a string schema with its format (when `checkFormat`), length limits and pattern. */
export function translateString(
  schema: Record<string, unknown>,
  pointer: string,
  checkFormat: boolean,
): Doc {
  const format =
    checkFormat && typeof schema.format === 'string' ? formats[schema.format] : undefined;
  const calls: string[] = [];
  const minLength = count(schema, 'minLength', pointer);
  const maxLength = count(schema, 'maxLength', pointer);
  if (minLength !== undefined) calls.push(`.min(${minLength})`);
  if (maxLength !== undefined) calls.push(`.max(${maxLength})`);
  if (schema.pattern !== undefined) calls.push(`.regex(${regexLiteral(schema.pattern, pointer)})`);
  return concat(format ?? 'z.string()', ...calls);
}

/** Writes a JSON Schema `pattern` (an ECMA-262 regular expression) as a regex literal. */
function regexLiteral(pattern: unknown, pointer: string): string {
  const at = joinPointer(pointer, 'pattern');
  if (typeof pattern !== 'string') throw unsupported('`pattern` must be a string', at);
  for (const flags of ['u', '']) {
    try {
      return new RegExp(pattern, flags).toString();
    } catch {
      // Patterns written for non-Unicode mode may fail with the u flag; try without it.
    }
  }
  throw unsupported(`\`pattern\` ${JSON.stringify(pattern)} is not a valid regular expression`, at);
}

/** Translates a number or integer schema with its limits. */
export function translateNumber(
  schema: Record<string, unknown>,
  type: string,
  pointer: string,
): Doc {
  const calls: string[] = [];
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  // OpenAPI 3.0 and draft 4 write exclusive limits as booleans next to minimum and maximum.
  const lower = bound(minimum, exclusiveMinimum, joinPointer(pointer, 'minimum'));
  const upper = bound(maximum, exclusiveMaximum, joinPointer(pointer, 'maximum'));
  if (lower !== undefined)
    calls.push(lower.exclusive ? `.gt(${lower.value})` : `.gte(${lower.value})`);
  if (upper !== undefined)
    calls.push(upper.exclusive ? `.lt(${upper.value})` : `.lte(${upper.value})`);
  if (multipleOf !== undefined) {
    if (typeof multipleOf !== 'number' || multipleOf <= 0) {
      throw unsupported(
        '`multipleOf` must be a positive number',
        joinPointer(pointer, 'multipleOf'),
      );
    }
    calls.push(`.multipleOf(${multipleOf})`);
  }
  return concat(type === 'integer' ? 'z.int()' : 'z.number()', ...calls);
}

function bound(limit: unknown, exclusive: unknown, pointer: string) {
  if (typeof exclusive === 'number') return { value: exclusive, exclusive: true };
  if (limit === undefined) return undefined;
  if (typeof limit !== 'number') throw unsupported('a numeric limit must be a number', pointer);
  return { value: limit, exclusive: exclusive === true };
}

/** Reads a non-negative integer keyword such as `minLength`. */
export function count(schema: Record<string, unknown>, keyword: string, pointer: string) {
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw unsupported(
      `\`${keyword}\` must be a non-negative integer`,
      joinPointer(pointer, keyword),
    );
  }
  return value;
}
