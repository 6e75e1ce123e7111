import { unsupported } from './codegen-error.js';
import { list } from './doc.js';
import { joinPointer } from './pointer.js';
import type { Position, TranslateContext, Translation } from './translate.js';
import { plain } from './translate.js';
import { translateArray } from './translate-array.js';
import { translateObject } from './translate-object.js';
import { translateNumber, translateString } from './translate-scalar.js';

const objectKeywords = ['properties', 'additionalProperties', 'required'];
const arrayKeywords = ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'];
const stringKeywords = ['minLength', 'maxLength', 'pattern'];
const numberKeywords = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

/**
 * Translates the `type` of a schema with the keywords that apply to it. Several types become a
 * union. Without `type`, the type is inferred from the keywords used (`properties` means an
 * object). Returns `undefined` when the schema says nothing about a type.
 */
export function translateTypes(
  schema: Record<string, unknown>,
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation | undefined {
  const types = typeList(schema, pointer);
  if (types.length === 0) return undefined;
  const translations = types.map((type) => translateType(type, schema, pointer, context, position));
  if (translations.length === 1) return translations[0];
  return {
    doc: list(
      'z.union([',
      translations.map((translation) => translation.doc),
      '])',
    ),
    forward: translations.some((translation) => translation.forward),
  };
}

function typeList(schema: Record<string, unknown>, pointer: string): string[] {
  const { type } = schema;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) {
    const types = type.filter((entry): entry is string => typeof entry === 'string');
    if (types.length !== type.length)
      throw unsupported('`type` must list strings', joinPointer(pointer, 'type'));
    const present = types.filter((entry) => entry !== 'null');
    return present.length === 0 ? types : [...new Set(present)];
  }
  if (type !== undefined)
    throw unsupported('`type` must be a string or an array', joinPointer(pointer, 'type'));
  const has = (keywords: string[]) => keywords.some((keyword) => schema[keyword] !== undefined);
  if (has(objectKeywords)) return ['object'];
  if (has(arrayKeywords)) return ['array'];
  if (has(stringKeywords) || stringFormat(schema.format)) return ['string'];
  if (has(numberKeywords)) return ['number'];
  return [];
}

function stringFormat(format: unknown): boolean {
  return ['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'ipv6'].includes(
    String(format),
  );
}

function translateType(
  type: string,
  schema: Record<string, unknown>,
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  switch (type) {
    case 'object':
      return translateObject(schema, pointer, context);
    case 'array':
      return translateArray(schema, pointer, context, position);
    case 'string':
      return plain(translateString(schema, pointer, context.formats === 'assert'));
    case 'number':
    case 'integer':
      return plain(translateNumber(schema, type, pointer));
    case 'boolean':
      return plain('z.boolean()');
    case 'null':
      return plain('z.null()');
    default:
      throw unsupported(`type "${type}" is not a JSON Schema type`, joinPointer(pointer, 'type'));
  }
}
