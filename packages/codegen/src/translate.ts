import { invalidCatalog, unsupported } from './codegen-error.js';
import { concat, type Doc, list } from './doc.js';
import { followRefs, isObject, joinPointer } from './pointer.js';
import { discriminatorOf } from './discriminator.js';
import { quoteString } from './naming.js';
import { translateAllOf } from './translate-all-of.js';
import { translateEnum, translateLiteral } from './translate-enum.js';
import { translateTypes } from './translate-types.js';

/** What a translation needs besides the schema. */
export interface TranslateContext {
  readonly document: unknown;
  readonly strict: boolean;
  readonly formats: 'assert' | 'annotate';
  /** The pointer of the schema being declared. */
  readonly current: string;
  /**
   * Returns the schema constant planned for `pointer`, and whether it is declared after the
   * current one (a reference back in a cycle), or `undefined` when none is planned.
   */
  lookup(pointer: string): { constant: string; forward: boolean } | undefined;
}

/**
 * A translated schema. `forward` is true when the code reads a schema constant that is not
 * declared yet, so it must run later, in a property getter.
 */
export interface Translation {
  readonly doc: Doc;
  readonly forward: boolean;
}

/** Where a subschema sits: directly in an object property (where a getter can defer it) or not. */
export interface Position {
  readonly inProperty: boolean;
}

const rejected: Record<string, string> = {
  not: '`not` has no zod equivalent; remove it or describe the allowed values positively',
  if: '`if`/`then`/`else` is not supported; use `oneOf` with a discriminating property',
  patternProperties: '`patternProperties` is not supported; use `additionalProperties`',
  propertyNames: '`propertyNames` is not supported',
  dependentSchemas: '`dependentSchemas` is not supported',
  dependentRequired: '`dependentRequired` is not supported',
  dependencies: '`dependencies` is not supported',
  unevaluatedProperties: '`unevaluatedProperties` is not supported; use `additionalProperties`',
  unevaluatedItems: '`unevaluatedItems` is not supported; use `items`',
  contains: '`contains` is not supported',
  minProperties: '`minProperties` is not supported',
  maxProperties: '`maxProperties` is not supported',
  $dynamicRef: '`$dynamicRef` is not supported; use `$ref`',
  $recursiveRef: '`$recursiveRef` is not supported; use `$ref`',
};

export function plain(code: Doc): Translation {
  return { doc: code, forward: false };
}

/** Appends a method call (`.optional()`) to a translation. */
export function chain(translation: Translation, call: string): Translation {
  return { doc: concat(translation.doc, call), forward: translation.forward };
}

/**
 * Translates one JSON Schema (or OpenAPI schema object) into zod 4 code.
 * @throws {CodegenError} `HOOKLINE_CODEGEN_UNSUPPORTED` naming the pointer of a construct
 *   with no translation.
 */
export function translateSchema(
  schema: unknown,
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  if (pointer !== context.current) {
    const planned = context.lookup(pointer);
    if (planned !== undefined) return reference(planned, position, pointer);
  }
  if (schema === true) return plain('z.unknown()');
  if (schema === false) return plain('z.never()');
  if (!isObject(schema)) throw invalidCatalog('a schema must be an object or a boolean', pointer);
  for (const keyword of Object.keys(schema)) {
    const reason = rejected[keyword];
    if (reason !== undefined) throw unsupported(reason, joinPointer(pointer, keyword));
  }
  const translation = translateBody(schema, pointer, context, position);
  return isNullable(schema) ? chain(translation, '.nullable()') : translation;
}

function translateBody(
  schema: Record<string, unknown>,
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  if (typeof schema.$ref === 'string') return translateRef(schema, pointer, context, position);
  if (schema.const !== undefined)
    return translateLiteral(schema.const, joinPointer(pointer, 'const'));
  if (Array.isArray(schema.enum)) return translateEnum(schema.enum, joinPointer(pointer, 'enum'));
  const parts: Translation[] = [];
  const union = Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf);
  // A bare `type: object` next to `oneOf` adds nothing that the object members do not check.
  const typed =
    union && isBareObject(schema) ? undefined : translateTypes(schema, pointer, context, position);
  if (Array.isArray(schema.allOf)) {
    parts.push(translateAllOf(schema, typed, pointer, context, position));
  } else if (typed !== undefined) {
    parts.push(typed);
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[keyword])) {
      parts.push(translateUnion(schema, keyword, pointer, context, position));
    }
  }
  return intersect(parts);
}

/** Combines translations that must all hold: `z.intersection(a, b)`. */
export function intersect(parts: readonly Translation[]): Translation {
  const [first, ...rest] = parts;
  if (first === undefined) return plain('z.unknown()');
  return rest.reduce<Translation>(
    (left, right) => ({
      doc: list('z.intersection(', [left.doc, right.doc], ')'),
      forward: left.forward || right.forward,
    }),
    first,
  );
}

function reference(
  planned: { constant: string; forward: boolean },
  position: Position,
  pointer: string,
): Translation {
  if (!planned.forward) return plain(planned.constant);
  // A property getter reads the schema when it is first used, after every declaration ran.
  if (position.inProperty) return { doc: planned.constant, forward: true };
  // z.lazy would defer the read at run time, but TypeScript cannot infer a type through it in a
  // cycle (TS7022), so the module would not compile.
  throw unsupported(
    `this $ref closes a reference cycle outside object properties, so zod cannot infer a TypeScript type for ${planned.constant}; put the recursion inside an object property`,
    pointer,
  );
}

function translateRef(
  schema: Record<string, unknown>,
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  const target = schema.$ref as string;
  const planned = context.lookup(target);
  if (planned === undefined) throw invalidCatalog(`$ref "${target}" does not resolve`, pointer);
  const { $ref: _ref, nullable: _nullable, ...siblings } = schema;
  // Keywords next to a `$ref` (allowed since draft 2019-09 and in OpenAPI 3.1) apply as well, so
  // they are intersected with the target, unless they only annotate.
  const rest = translateBody(siblings, pointer, context, position);
  const referenced = reference(planned, position, pointer);
  return rest.doc === 'z.unknown()' ? referenced : intersect([referenced, rest]);
}

function translateUnion(
  schema: Record<string, unknown>,
  keyword: 'oneOf' | 'anyOf',
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  const members = schema[keyword] as unknown[];
  const options = members.map((member, index) =>
    translateSchema(member, joinPointer(pointer, keyword, index), context, position),
  );
  const forward = options.some((option) => option.forward);
  if (options.length === 1 && options[0] !== undefined) return options[0];
  const docs = options.map((option) => option.doc);
  const key = forward ? undefined : discriminatorOf(schema, members, pointer, context);
  if (key !== undefined) {
    return plain(list(`z.discriminatedUnion(${quoteString(key)}, [`, docs, '])'));
  }
  return { doc: list('z.union([', docs, '])'), forward };
}

function isBareObject(schema: Record<string, unknown>): boolean {
  return (
    schema.type === 'object' &&
    schema.properties === undefined &&
    schema.additionalProperties === undefined
  );
}

/** Whether null is allowed besides the schema's main type (OpenAPI 3.0 `nullable`, type arrays). */
function isNullable(schema: Record<string, unknown>): boolean {
  if (schema.nullable === true) return true;
  if (Array.isArray(schema.type)) return schema.type.includes('null') && schema.type.length > 1;
  if (Array.isArray(schema.enum)) return schema.enum.includes(null) && schema.enum.length > 1;
  return false;
}

/** Follows `$ref`s from a subschema, for checks that look at the referenced schema. */
export function resolveSchema(context: TranslateContext, schema: unknown, pointer: string) {
  return followRefs(context.document, schema, pointer);
}
