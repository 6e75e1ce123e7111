import { isObject, joinPointer } from './pointer.js';

/** A subschema and its JSON pointer. */
export interface Located {
  readonly schema: unknown;
  readonly pointer: string;
}

const single = [
  'items',
  'additionalItems',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
];
const lists = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const maps = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'];

/** Lists the direct subschemas of `schema` (not following `$ref`). */
export function childSchemas(schema: unknown, pointer: string, definitions = true): Located[] {
  if (!isObject(schema)) return [];
  const children: Located[] = [];
  for (const key of single) {
    const value = schema[key];
    if (isObject(value)) children.push({ schema: value, pointer: joinPointer(pointer, key) });
  }
  for (const key of lists) {
    const value = schema[key];
    if (!Array.isArray(value)) continue;
    value.forEach((entry, index) => {
      children.push({ schema: entry, pointer: joinPointer(pointer, key, index) });
    });
  }
  for (const key of maps) {
    if (!definitions && (key === '$defs' || key === 'definitions')) continue;
    const value = schema[key];
    if (!isObject(value)) continue;
    for (const name of Object.keys(value)) {
      children.push({ schema: value[name], pointer: joinPointer(pointer, key, name) });
    }
  }
  return children;
}

/**
 * Collects the `$ref` strings used in `schema`, in document order. Nested `$defs` are skipped:
 * they are separate definitions, used only through a `$ref`.
 */
export function collectRefs(schema: unknown, pointer: string): { ref: string; pointer: string }[] {
  const refs: { ref: string; pointer: string }[] = [];
  const pending: Located[] = [{ schema, pointer }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (isObject(next.schema) && typeof next.schema.$ref === 'string') {
      refs.push({ ref: next.schema.$ref, pointer: next.pointer });
    }
    pending.push(...childSchemas(next.schema, next.pointer, false).reverse());
  }
  return refs;
}
