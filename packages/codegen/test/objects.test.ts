import { describe, expect, test } from 'vitest';
import { accepts, compile } from './helpers.js';

const order = {
  type: 'object',
  required: ['order_id', 'amount'],
  properties: {
    order_id: { type: 'string', description: 'The order id.' },
    amount: { type: 'integer' },
    note: { type: 'string' },
  },
};

describe('objects', () => {
  test('requires required properties and allows optional ones', async () => {
    const { schema } = await compile(order);
    expect(accepts(schema, { order_id: 'o1', amount: 5 })).toBe(true);
    expect(accepts(schema, { order_id: 'o1', amount: 5, note: 'gift' })).toBe(true);
    expect(accepts(schema, { order_id: 'o1' })).toBe(false);
    expect(accepts(schema, { order_id: 'o1', amount: 5, note: 7 })).toBe(false);
    expect(accepts(schema, 'o1')).toBe(false);
  });

  test('keeps unknown properties by default', async () => {
    const { schema, code } = await compile(order);
    expect(code).toContain('z.looseObject({');
    expect(schema.parse({ order_id: 'o1', amount: 5, added_later: true })).toEqual({
      order_id: 'o1',
      amount: 5,
      added_later: true,
    });
  });

  test('rejects unknown properties with strict', async () => {
    const { schema, code } = await compile(order, { strict: true });
    expect(code).toContain('z.strictObject({');
    expect(accepts(schema, { order_id: 'o1', amount: 5 })).toBe(true);
    expect(accepts(schema, { order_id: 'o1', amount: 5, added_later: true })).toBe(false);
  });

  test('follows additionalProperties false and true over the default', async () => {
    const closed = await compile({ ...order, additionalProperties: false });
    expect(accepts(closed.schema, { order_id: 'o1', amount: 5, extra: 1 })).toBe(false);
    const open = await compile({ ...order, additionalProperties: true }, { strict: true });
    expect(accepts(open.schema, { order_id: 'o1', amount: 5, extra: 1 })).toBe(true);
  });

  test('checks extra properties against an additionalProperties schema', async () => {
    const { schema } = await compile({ ...order, additionalProperties: { type: 'number' } });
    expect(accepts(schema, { order_id: 'o1', amount: 5, weight: 1.5 })).toBe(true);
    expect(accepts(schema, { order_id: 'o1', amount: 5, weight: 'heavy' })).toBe(false);
  });

  test('turns a map without properties into a record', async () => {
    const { schema, code } = await compile({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(code).toContain('z.record(z.string(), z.string())');
    expect(accepts(schema, { a: 'x', b: 'y' })).toBe(true);
    expect(accepts(schema, { a: 1 })).toBe(false);
  });

  test('fills the default of an optional property', async () => {
    const { schema } = await compile({
      type: 'object',
      properties: {
        plan: { type: 'string', default: 'free' },
        seats: { type: 'integer', default: 1 },
      },
    });
    expect(schema.parse({})).toEqual({ plan: 'free', seats: 1 });
    expect(schema.parse({ plan: 'pro' })).toEqual({ plan: 'pro', seats: 1 });
  });

  test('writes descriptions as JSDoc', async () => {
    const { code } = await compile({ ...order, description: 'An order. */ not code' });
    expect(code).toContain('  /** The order id. */\n  order_id: z.string(),');
    expect(code).toContain('An order. *\\/ not code');
  });

  test('quotes property names that are not identifiers', async () => {
    const { schema, code } = await compile({
      type: 'object',
      required: ['content-type'],
      properties: { 'content-type': { type: 'string' } },
    });
    expect(code).toContain("'content-type': z.string()");
    expect(accepts(schema, { 'content-type': 'text/plain' })).toBe(true);
    expect(accepts(schema, {})).toBe(false);
  });
});

describe('allOf', () => {
  const base = {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string' } },
  };

  test('merges object parts into one object', async () => {
    const { schema, code } = await compile(
      {
        allOf: [
          { $ref: '#/$defs/base' },
          { type: 'object', required: ['total'], properties: { total: { type: 'number' } } },
        ],
      },
      { definitions: { base } },
    );
    expect(code).toContain('...BaseSchema.shape');
    expect(accepts(schema, { id: 'a', total: 1 })).toBe(true);
    expect(accepts(schema, { id: 'a' })).toBe(false);
    expect(accepts(schema, { total: 1 })).toBe(false);
  });

  test('keeps merged strict objects open to every part', async () => {
    const { schema } = await compile(
      { allOf: [{ $ref: '#/$defs/base' }, { properties: { total: { type: 'number' } } }] },
      { definitions: { base }, strict: true },
    );
    expect(accepts(schema, { id: 'a', total: 1 })).toBe(true);
    expect(accepts(schema, { id: 'a', other: 1 })).toBe(false);
  });

  test('applies a required list from another part', async () => {
    const { schema } = await compile({
      allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { required: ['a'] }],
    });
    expect(accepts(schema, { a: 'x' })).toBe(true);
    expect(accepts(schema, {})).toBe(false);
  });

  test('intersects parts that are not plain objects', async () => {
    const { schema, code } = await compile({
      allOf: [
        { type: 'string', minLength: 2 },
        { type: 'string', maxLength: 3 },
      ],
    });
    expect(code).toContain('z.intersection(');
    expect(accepts(schema, 'abc')).toBe(true);
    expect(accepts(schema, 'a')).toBe(false);
    expect(accepts(schema, 'abcd')).toBe(false);
  });
});

describe('property names', () => {
  test('keeps __proto__ as a property', async () => {
    const { module, code } = await compile({
      type: 'object',
      required: ['__proto__'],
      properties: { ['__proto__']: { type: 'string' } },
    });
    // A literal `__proto__:` key would set the shape's prototype instead of declaring a key.
    expect(code).toContain("['__proto__']: z.string()");
    const shape = (module.SubjectEventSchema as { shape: object }).shape;
    expect(Object.hasOwn(shape, '__proto__')).toBe(true);
  });
});
