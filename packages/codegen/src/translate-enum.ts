import { unsupported } from './codegen-error.js';
import { list } from './doc.js';
import { quoteString } from './naming.js';
import { plain, type Translation } from './translate.js';

type Primitive = string | number | boolean | null;

/** Writes a JSON primitive as a TypeScript literal. */
export function literalCode(value: Primitive): string {
  return typeof value === 'string' ? quoteString(value) : JSON.stringify(value);
}

function isPrimitive(value: unknown): value is Primitive {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Translates `const`: `z.literal(value)`, or `z.null()`. */
export function translateLiteral(value: unknown, pointer: string): Translation {
  if (!isPrimitive(value)) {
    throw unsupported('a `const` object or array is not supported; use a primitive', pointer);
  }
  return plain(value === null ? 'z.null()' : `z.literal(${literalCode(value)})`);
}

/**
 * Translates `enum`: `z.enum([...])` for strings, `z.literal([...])` for other primitives. A
 * `null` member is left out here, because the caller appends `.nullable()` for it.
 */
export function translateEnum(values: readonly unknown[], pointer: string): Translation {
  const members = values.filter((value) => value !== null);
  const invalid = members.findIndex((value) => !isPrimitive(value));
  if (invalid !== -1) {
    throw unsupported(
      'an `enum` member that is an object or array is not supported',
      `${pointer}/${invalid}`,
    );
  }
  if (members.length === 0) return plain(values.length === 0 ? 'z.never()' : 'z.null()');
  const unique = [...new Set(members as Primitive[])];
  if (unique.length === 1) return translateLiteral(unique[0], pointer);
  const codes = unique.map(literalCode);
  if (unique.every((value) => typeof value === 'string')) {
    return plain(list('z.enum([', codes, '])'));
  }
  return plain(list('z.literal([', codes, '])'));
}
