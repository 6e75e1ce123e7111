import { item, type ListItem } from './doc.js';
import { isObject, joinPointer } from './pointer.js';
import {
  intersect,
  plain,
  type Position,
  resolveSchema,
  type TranslateContext,
  type Translation,
  translateSchema,
} from './translate.js';
import { objectCode, propertyItems, requiredOf } from './translate-object.js';

/**
 * Translates `allOf` with the schema's own keywords. When every part is a plain object schema
 * (inline, or a `$ref` to one declared earlier), the parts merge into one object that spreads
 * the referenced shapes, so `--strict` objects still accept each other's properties. Other
 * combinations become `z.intersection`.
 */
export function translateAllOf(
  schema: Record<string, unknown>,
  own: Translation | undefined,
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  const members = schema.allOf as unknown[];
  const merged = mergeObjects(schema, members, pointer, context);
  if (merged !== undefined) return merged;
  const parts = members.map((member, index) =>
    translateSchema(member, joinPointer(pointer, 'allOf', index), context, position),
  );
  return intersect(own === undefined ? parts : [own, ...parts]);
}

function mergeObjects(
  schema: Record<string, unknown>,
  members: readonly unknown[],
  pointer: string,
  context: TranslateContext,
): Translation | undefined {
  const ownShape = isObject(schema.properties);
  if (!ownShape && schema.type !== undefined && schema.type !== 'object') return undefined;
  // A `required` in one part may name a property declared in another, so inline parts share one
  // required list. NOTE: it does not reach the properties of a spread `$ref` shape.
  const required = new Set([schema, ...members].flatMap((part) => [...requiredOf(asRecord(part))]));
  const items: ListItem[] = [];
  for (const [index, member] of members.entries()) {
    const at = joinPointer(pointer, 'allOf', index);
    const spread = memberItems(member, at, context, required);
    if (spread === undefined) return undefined;
    items.push(...spread);
  }
  if (ownShape) items.push(...propertyItems(schema, pointer, context, required));
  return plain(objectCode(schema, lastOfEachKey(items), pointer, context));
}

function asRecord(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function memberItems(
  member: unknown,
  pointer: string,
  context: TranslateContext,
  required: ReadonlySet<unknown>,
) {
  if (!isObject(member)) return undefined;
  if (typeof member.$ref === 'string') {
    const planned = context.lookup(member.$ref);
    const target = resolveSchema(context, member, pointer);
    if (planned === undefined || planned.forward || !isMergeable(target.value)) return undefined;
    if (target.pointer !== member.$ref) return undefined;
    return [item(`...${planned.constant}.shape`)];
  }
  if (isRequiredOnly(member)) return [];
  if (!isMergeable(member)) return undefined;
  if (member.additionalProperties !== undefined) return undefined;
  return propertyItems(member, pointer, context, required);
}

/** Returns whether a part only lists required names, such as `{ required: ['id'] }`. */
function isRequiredOnly(schema: Record<string, unknown>): boolean {
  return Object.keys(schema).every((key) => key === 'required' || key === 'description');
}

/** Returns whether a schema translates to a plain zod object whose `.shape` can be spread. */
function isMergeable(schema: unknown): schema is Record<string, unknown> {
  if (!isObject(schema) || !isObject(schema.properties)) return false;
  if (Object.keys(schema.properties).length === 0) return false;
  if (schema.type !== undefined && schema.type !== 'object') return false;
  const other = ['allOf', 'anyOf', 'oneOf', '$ref', 'enum', 'const', 'nullable'];
  return !other.some((key) => schema[key] !== undefined) && !isObject(schema.additionalProperties);
}

/** Keeps the last item for each key, as JSON Schema's allOf requires both and later ones win. */
function lastOfEachKey(items: readonly ListItem[]): ListItem[] {
  const last = new Map<string, number>();
  items.forEach((entry, index) => {
    if (entry.key !== undefined) last.set(entry.key, index);
  });
  return items.filter((entry, index) => entry.key === undefined || last.get(entry.key) === index);
}
