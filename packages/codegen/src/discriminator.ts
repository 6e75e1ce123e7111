import { isObject, joinPointer } from './pointer.js';
import { resolveSchema, type TranslateContext } from './translate.js';

/**
 * Picks the property that tells the members of a `oneOf`/`anyOf` apart, for
 * `z.discriminatedUnion`: the OpenAPI `discriminator.propertyName`, or else the first property
 * that every member requires with its own `const`/`enum` values. Returns `undefined` when no
 * property qualifies, or when a member is not a plain object schema, because zod's discriminated
 * unions accept only object members.
 */
export function discriminatorOf(
  schema: Record<string, unknown>,
  members: readonly unknown[],
  pointer: string,
  context: TranslateContext,
): string | undefined {
  if (members.length < 2) return undefined;
  const objects = members.map((member, index) => {
    const resolved = resolveSchema(context, member, joinPointer(pointer, 'oneOf', index)).value;
    return isPlainObject(resolved) ? resolved : undefined;
  });
  if (objects.some((member) => member === undefined)) return undefined;
  const plainObjects = objects as Record<string, unknown>[];
  const declared = isObject(schema.discriminator) ? schema.discriminator.propertyName : undefined;
  const first = plainObjects[0]?.properties;
  const candidates =
    typeof declared === 'string' ? [declared] : isObject(first) ? Object.keys(first) : [];
  return candidates.find((key) => separates(plainObjects, key, context));
}

function isPlainObject(schema: unknown): schema is Record<string, unknown> {
  if (!isObject(schema) || !isObject(schema.properties)) return false;
  if (schema.type !== undefined && schema.type !== 'object') return false;
  const combined = ['allOf', 'anyOf', 'oneOf', '$ref', 'enum', 'const', 'nullable'];
  if (combined.some((key) => schema[key] !== undefined)) return false;
  return !isObject(schema.additionalProperties) || Object.keys(schema.properties).length > 0;
}

function separates(members: Record<string, unknown>[], key: string, context: TranslateContext) {
  const seen = new Set<unknown>();
  for (const member of members) {
    const required = Array.isArray(member.required) && member.required.includes(key);
    const property = (member.properties as Record<string, unknown>)[key];
    const values = required
      ? literalValues(resolveSchema(context, property, '#').value)
      : undefined;
    if (values === undefined) return false;
    for (const value of values) {
      if (seen.has(value)) return false;
      seen.add(value);
    }
  }
  return true;
}

function literalValues(schema: unknown): unknown[] | undefined {
  if (!isObject(schema) || schema.nullable === true) return undefined;
  const values = schema.const !== undefined ? [schema.const] : schema.enum;
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const primitive = values.every((value) => ['string', 'number', 'boolean'].includes(typeof value));
  return primitive ? values : undefined;
}
