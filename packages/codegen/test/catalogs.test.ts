import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { generate, generateFromFile } from '../src/index.js';
import { accepts, importModule } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function eventsOf(code: string): Promise<Record<string, z.ZodType>> {
  return (await importModule(code)).events as Record<string, z.ZodType>;
}

describe('JSON Schema catalogs', () => {
  const order = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };

  test('takes event types from the root oneOf and definition names', async () => {
    const code = generate({
      definitions: { order_created: order, money: { type: 'integer' } },
      oneOf: [{ $ref: '#/definitions/order_created' }],
    });
    expect(Object.keys(await eventsOf(code))).toEqual(['order_created']);
    expect(code).toContain('export const MoneySchema = z.int();');
  });

  test('prefers x-event-type over the definition name', async () => {
    const code = generate({
      $defs: { order: { ...order, 'x-event-type': 'order.created' } },
      oneOf: [{ $ref: '#/$defs/order' }],
    });
    expect(Object.keys(await eventsOf(code))).toEqual(['order.created']);
    expect(code).toContain("'order.created': OrderCreatedEventSchema");
  });

  test('finds marked definitions without a oneOf', async () => {
    const code = generate({
      $defs: { order: { ...order, 'x-event-type': 'order_created' }, money: { type: 'integer' } },
    });
    expect(Object.keys(await eventsOf(code))).toEqual(['order_created']);
  });

  test('reads the type from a const property with typeField', async () => {
    const event = {
      ...order,
      properties: { ...order.properties, type: { const: 'order_created' } },
    };
    const code = generate(
      { $defs: { a: event }, oneOf: [{ $ref: '#/$defs/a' }] },
      { typeField: 'type' },
    );
    expect(Object.keys(await eventsOf(code))).toEqual(['order_created']);
  });

  test('extracts the type from names with eventName', async () => {
    const code = generate(
      { $defs: { order_event: order }, oneOf: [{ $ref: '#/$defs/order_event' }] },
      { eventName: '^(.+)_event$' },
    );
    expect(Object.keys(await eventsOf(code))).toEqual(['order']);
  });

  test('reads a folder of event files with shared external refs', async () => {
    const code = await generateFromFile(fixture('folder'));
    const events = await eventsOf(code);
    expect(Object.keys(events)).toEqual(['order_created', 'refund_issued']);
    const money = { value: 100, currency: 'EUR' };
    expect(accepts(events.order_created!, { order_id: 'o1', total: money })).toBe(true);
    expect(accepts(events.refund_issued!, { refund_id: 'r1', amount: money })).toBe(true);
    expect(accepts(events.refund_issued!, { refund_id: 'r1', amount: { value: 1 } })).toBe(false);
    // The shared file is declared once and referenced from both events.
    expect(code.match(/currency: z\.string\(\)/g)).toHaveLength(1);
  });
});

describe('OpenAPI catalogs', () => {
  test('reads 3.1 webhooks with type arrays', async () => {
    const code = generate({
      openapi: '3.1.0',
      info: { title: 'Shop', version: '1' },
      webhooks: {
        order_created: {
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id', 'note'],
                    properties: { id: { type: 'string' }, note: { type: ['string', 'null'] } },
                  },
                },
              },
            },
          },
        },
      },
    });
    const events = await eventsOf(code);
    expect(accepts(events.order_created!, { id: 'o1', note: null })).toBe(true);
    expect(accepts(events.order_created!, { id: 'o1' })).toBe(false);
  });

  test('reads 3.0 x-webhooks with nullable from YAML', async () => {
    const code = await generateFromFile(fixture('openapi-3.0.yaml'));
    const events = await eventsOf(code);
    expect(code).toContain('export const OrderCreatedEventSchema = z.looseObject({');
    expect(accepts(events.order_created!, { id: 'o1', coupon: null })).toBe(true);
    expect(accepts(events.order_created!, { id: 'o1', coupon: 5 })).toBe(false);
  });
});

describe('AsyncAPI catalogs', () => {
  test('reads 2.x channel messages and their oneOf', async () => {
    const events = await eventsOf(await generateFromFile(fixture('asyncapi-2.yaml')));
    expect(Object.keys(events)).toEqual(['order_created', 'order_shipped']);
    expect(accepts(events.order_shipped!, { id: 'o1', carrier: 'dhl' })).toBe(true);
    expect(accepts(events.order_shipped!, { id: 'o1' })).toBe(false);
  });

  test('reads 3.0 messages with a multi-format payload', async () => {
    const events = await eventsOf(await generateFromFile(fixture('asyncapi-3.yaml')));
    expect(Object.keys(events)).toEqual(['UserRegistered']);
    expect(accepts(events.UserRegistered!, { user_id: 'u1' })).toBe(true);
    expect(accepts(events.UserRegistered!, {})).toBe(false);
  });
});

describe('output', () => {
  const catalog = {
    $defs: {
      mango: { type: 'integer' },
      apple: { type: 'object', properties: { a: { $ref: '#/$defs/zucchini' } } },
      zucchini: { type: 'string' },
    },
    oneOf: [{ $ref: '#/$defs/mango' }, { $ref: '#/$defs/apple' }],
  };

  test('is byte-identical for identical input', () => {
    const first = generate(structuredClone(catalog), { source: 'shop.json' });
    expect(generate(structuredClone(catalog), { source: 'shop.json' })).toBe(first);
  });

  test('starts with the generated header and the command', () => {
    const code = generate(catalog, { source: 'shop.json', strict: true });
    expect(code.split('\n').slice(0, 2)).toEqual([
      '// Generated by hookline-codegen from shop.json. Do not edit this file by hand.',
      '// Regenerate it with: hookline-codegen shop.json --strict',
    ]);
  });

  test('declares dependencies first and sorts the rest by name', () => {
    const code = generate(catalog);
    const names = [...code.matchAll(/export const (\w+)Schema =/g)].map((match) => match[1]);
    expect(names).toEqual(['Zucchini', 'AppleEvent', 'MangoEvent']);
    expect(code).toContain('} = { apple: AppleEventSchema, mango: MangoEventSchema };');
  });
});
