import { describe, expect, test } from 'vitest';
import type { ZodType } from 'zod';
import { accepts, compile } from './helpers.js';

const card = {
  type: 'object',
  required: ['kind', 'last4'],
  properties: { kind: { const: 'card' }, last4: { type: 'string' } },
};
const bank = {
  type: 'object',
  required: ['kind', 'iban'],
  properties: { kind: { type: 'string', enum: ['bank'] }, iban: { type: 'string' } },
};

describe('oneOf and anyOf', () => {
  test('accepts any member of a union', async () => {
    const { schema, code } = await compile({ anyOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(code).toContain('z.union([');
    expect(accepts(schema, 'a')).toBe(true);
    expect(accepts(schema, 1)).toBe(true);
    expect(accepts(schema, true)).toBe(false);
  });

  test('finds the discriminating property of object members', async () => {
    const { schema, code } = await compile({ oneOf: [card, bank] });
    expect(code).toContain("z.discriminatedUnion('kind', [");
    expect(accepts(schema, { kind: 'card', last4: '4242' })).toBe(true);
    expect(accepts(schema, { kind: 'bank', iban: 'DE00' })).toBe(true);
    expect(accepts(schema, { kind: 'card', iban: 'DE00' })).toBe(false);
    expect(accepts(schema, { kind: 'cash' })).toBe(false);
  });

  test('uses an OpenAPI discriminator across $refs', async () => {
    const { schema, code } = await compile(
      {
        oneOf: [{ $ref: '#/$defs/card' }, { $ref: '#/$defs/bank' }],
        discriminator: { propertyName: 'kind' },
      },
      { definitions: { card, bank } },
    );
    expect(code).toContain("z.discriminatedUnion('kind', [CardSchema, BankSchema])");
    expect(accepts(schema, { kind: 'bank', iban: 'DE00' })).toBe(true);
    expect(accepts(schema, { kind: 'bank', last4: '4242' })).toBe(false);
  });

  test('falls back to a union when members share a value', async () => {
    const other = { ...bank, properties: { ...bank.properties, kind: { const: 'card' } } };
    const { code } = await compile({ oneOf: [card, other] });
    expect(code).toContain('z.union([');
  });

  test('intersects own properties with a union', async () => {
    const { schema } = await compile({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' } },
      oneOf: [card, bank],
    });
    expect(accepts(schema, { id: 'p1', kind: 'card', last4: '4242' })).toBe(true);
    expect(accepts(schema, { kind: 'card', last4: '4242' })).toBe(false);
  });
});

describe('arrays', () => {
  test('checks items and length limits', async () => {
    const { schema } = await compile({
      type: 'array',
      items: { type: 'integer' },
      minItems: 1,
      maxItems: 2,
    });
    expect(accepts(schema, [1, 2])).toBe(true);
    expect(accepts(schema, [])).toBe(false);
    expect(accepts(schema, [1, 2, 3])).toBe(false);
    expect(accepts(schema, ['1'])).toBe(false);
  });

  test('turns prefixItems into a tuple with a rest element', async () => {
    const { schema } = await compile({
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
      items: { type: 'boolean' },
    });
    expect(accepts(schema, ['a', 1])).toBe(true);
    expect(accepts(schema, ['a', 1, true, false])).toBe(true);
    expect(accepts(schema, ['a', 1, 'x'])).toBe(false);
    expect(accepts(schema, [1, 'a'])).toBe(false);
  });

  test('closes a draft 7 tuple with additionalItems false', async () => {
    const { schema } = await compile({
      type: 'array',
      items: [{ type: 'string' }],
      additionalItems: false,
    });
    expect(accepts(schema, ['a'])).toBe(true);
    expect(accepts(schema, ['a', 'b'])).toBe(false);
  });

  test('rejects repeated items with uniqueItems', async () => {
    const { schema } = await compile({
      type: 'array',
      items: { type: 'string' },
      uniqueItems: true,
    });
    expect(accepts(schema, ['a', 'b'])).toBe(true);
    expect(accepts(schema, ['a', 'a'])).toBe(false);
  });
});

describe('recursive $refs', () => {
  const category = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string' },
      children: { type: 'array', items: { $ref: '#/$defs/category' } },
    },
  };

  test('defers a self reference with a getter', async () => {
    const { module, code } = await compile(
      { type: 'object', properties: { root: { $ref: '#/$defs/category' } } },
      { definitions: { category } },
    );
    expect(code).toContain('get children() {');
    const schema = module.CategorySchema as ZodType;
    expect(
      accepts(schema, { name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] }),
    ).toBe(true);
    expect(accepts(schema, { name: 'a', children: [{ children: [] }] })).toBe(false);
  });

  test('defers mutual references', async () => {
    const { schema, code } = await compile(
      { $ref: '#/$defs/person' },
      {
        definitions: {
          person: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, employer: { $ref: '#/$defs/company' } },
          },
          company: {
            type: 'object',
            required: ['ceo'],
            properties: { ceo: { $ref: '#/$defs/person' } },
          },
        },
      },
    );
    expect(code).toContain('export const SubjectEventSchema = PersonSchema;');
    expect(accepts(schema, { name: 'a', employer: { ceo: { name: 'b' } } })).toBe(true);
    expect(accepts(schema, { name: 'a', employer: { ceo: {} } })).toBe(false);
  });
});

describe('$ref siblings', () => {
  const definitions = { code: { type: 'string', minLength: 2 } };

  test('ignores annotations next to a $ref', async () => {
    const { code } = await compile(
      { $ref: '#/$defs/code', description: 'A code.', 'x-internal': true },
      { definitions },
    );
    expect(code).toContain('export const SubjectEventSchema = CodeSchema;');
  });

  test('applies constraints next to a $ref', async () => {
    const { schema } = await compile({ $ref: '#/$defs/code', maxLength: 3 }, { definitions });
    expect(accepts(schema, 'abc')).toBe(true);
    expect(accepts(schema, 'a')).toBe(false);
    expect(accepts(schema, 'abcd')).toBe(false);
  });
});
