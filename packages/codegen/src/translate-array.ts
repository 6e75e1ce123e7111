import { concat, list } from './doc.js';
import { joinPointer } from './pointer.js';
import {
  type Position,
  type TranslateContext,
  type Translation,
  translateSchema,
} from './translate.js';
import { count } from './translate-scalar.js';

const unique =
  ".refine((items) => new Set(items.map((entry) => JSON.stringify(entry))).size === items.length, 'Array items must be unique')";

/**
 * Translates an array schema: `z.array(items)` with its length limits, or `z.tuple([...])` for
 * `prefixItems` (2020-12) or an `items` array (draft 7), with a rest element for the items after
 * them unless `items`/`additionalItems` is `false`.
 */
export function translateArray(
  schema: Record<string, unknown>,
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  const tuple = Array.isArray(schema.prefixItems)
    ? 'prefixItems'
    : Array.isArray(schema.items)
      ? 'items'
      : undefined;
  const translated =
    tuple === undefined
      ? translateList(schema, pointer, context, position)
      : translateTuple(schema, tuple, pointer, context, position);
  if (schema.uniqueItems !== true) return translated;
  // NOTE: items are compared by their JSON text, so objects with the same fields in another order
  // count as different.
  return { doc: concat(translated.doc, unique), forward: translated.forward };
}

function translateList(
  schema: Record<string, unknown>,
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  const items =
    schema.items === undefined
      ? { doc: 'z.unknown()', forward: false }
      : translateSchema(schema.items, joinPointer(pointer, 'items'), context, position);
  const calls: string[] = [];
  const minItems = count(schema, 'minItems', pointer);
  const maxItems = count(schema, 'maxItems', pointer);
  if (minItems !== undefined) calls.push(`.min(${minItems})`);
  if (maxItems !== undefined) calls.push(`.max(${maxItems})`);
  return { doc: concat(list('z.array(', [items.doc], ')'), ...calls), forward: items.forward };
}

function translateTuple(
  schema: Record<string, unknown>,
  keyword: 'prefixItems' | 'items',
  pointer: string,
  context: TranslateContext,
  position: Position,
): Translation {
  const members = (schema[keyword] as unknown[]).map((member, index) =>
    translateSchema(member, joinPointer(pointer, keyword, index), context, position),
  );
  const restKeyword = keyword === 'prefixItems' ? 'items' : 'additionalItems';
  const restSchema = schema[restKeyword];
  const rest =
    restSchema === false
      ? undefined
      : restSchema === undefined || restSchema === true
        ? { doc: 'z.unknown()', forward: false }
        : translateSchema(restSchema, joinPointer(pointer, restKeyword), context, position);
  const docs = members.map((member) => member.doc);
  // NOTE: minItems and maxItems are not applied to tuples: every listed element is required.
  const tupleDoc = list('z.tuple([', docs, '])');
  return {
    doc: rest === undefined ? tupleDoc : concat(tupleDoc, list('.rest(', [rest.doc], ')')),
    forward: members.some((member) => member.forward) || rest?.forward === true,
  };
}
