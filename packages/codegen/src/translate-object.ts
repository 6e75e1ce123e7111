import { concat, type Doc, item, type ListItem, block, list } from './doc.js';
import { docText } from './jsdoc.js';
import { propertyKey } from './naming.js';
import { isObject, joinPointer } from './pointer.js';
import {
  chain,
  plain,
  type TranslateContext,
  type Translation,
  translateSchema,
} from './translate.js';
import { literalCode } from './translate-enum.js';

/**
 * Translates an object schema. Declared properties become a `z.looseObject` by default, a
 * `z.strictObject` in strict mode or with `additionalProperties: false`, and a
 * `z.object().catchall()` with an `additionalProperties` schema. An object without declared
 * properties becomes a `z.record`.
 */
export function translateObject(
  schema: Record<string, unknown>,
  pointer: string,
  context: TranslateContext,
): Translation {
  const extra = schema.additionalProperties;
  const hasProperties = isObject(schema.properties) && Object.keys(schema.properties).length > 0;
  if (!hasProperties) {
    if (extra === false) return plain('z.strictObject({})');
    const values =
      extra === undefined || extra === true
        ? plain('z.unknown()')
        : translateSchema(extra, joinPointer(pointer, 'additionalProperties'), context, noProperty);
    return plain(list('z.record(', ['z.string()', values.doc], ')'));
  }
  return plain(objectCode(schema, propertyItems(schema, pointer, context), pointer, context));
}

const noProperty = { inProperty: false };

/** Wraps property items in the object constructor that `additionalProperties` calls for. */
export function objectCode(
  schema: Record<string, unknown>,
  items: readonly ListItem[],
  pointer: string,
  context: TranslateContext,
): Doc {
  const extra = schema.additionalProperties;
  if (extra === false) return list('z.strictObject({', items, '})');
  if (extra === true) return list('z.looseObject({', items, '})');
  if (extra === undefined) {
    return list(context.strict ? 'z.strictObject({' : 'z.looseObject({', items, '})');
  }
  const rest = translateSchema(
    extra,
    joinPointer(pointer, 'additionalProperties'),
    context,
    noProperty,
  );
  return concat(list('z.object({', items, '})'), list('.catchall(', [rest.doc], ')'));
}

/** Translates the declared properties of an object schema into object literal items. */
export function propertyItems(
  schema: Record<string, unknown>,
  pointer: string,
  context: TranslateContext,
  required: ReadonlySet<unknown> = requiredOf(schema),
): ListItem[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  return Object.keys(properties).map((key) => {
    const property = properties[key];
    const at = joinPointer(pointer, 'properties', key);
    const value = optionality(
      translateSchema(property, at, context, { inProperty: true }),
      property,
      required.has(key),
    );
    const name = propertyKey(key);
    const doc = value.forward
      ? block(`get ${name}() {`, concat('return ', value.doc, ';'), '}')
      : concat(`${name}: `, value.doc);
    return item(doc, docText(property), key);
  });
}

/** Collects the names that a schema's `required` lists. */
export function requiredOf(schema: Record<string, unknown>): Set<unknown> {
  return new Set(Array.isArray(schema.required) ? schema.required : []);
}

/**
 * Marks a property that is not required: `.default(value)` when the schema has a default, and
 * `.optional()` otherwise. A default on a required property stays documentation only.
 */
function optionality(value: Translation, property: unknown, required: boolean): Translation {
  if (required) return value;
  const fallback = isObject(property) ? property.default : undefined;
  if (fallback === undefined) return chain(value, '.optional()');
  const code =
    fallback === null || typeof fallback !== 'object'
      ? literalCode(fallback as string | number | boolean | null)
      : JSON.stringify(fallback);
  return chain(value, `.default(${code})`);
}
