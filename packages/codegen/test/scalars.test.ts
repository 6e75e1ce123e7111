import { describe, expect, test } from 'vitest';
import { accepts, compile } from './helpers.js';

describe('strings', () => {
  test.each([
    ['date-time', '2026-03-01T12:30:00Z', '2026-03-01 12:30'],
    ['date-time', '2026-03-01T12:30:00.123+02:00', 'yesterday'],
    ['date', '2026-03-01', '2026-03-01T12:30:00Z'],
    ['email', 'ada@example.com', 'ada.example.com'],
    ['uri', 'https://example.com/orders/1', 'not a uri'],
    ['uuid', '3b241101-e2bb-4255-8caf-4136c566a962', '3b241101-e2bb'],
  ])('checks format %s', async (format, good, bad) => {
    const { schema } = await compile({ type: 'string', format });
    expect(accepts(schema, good)).toBe(true);
    expect(accepts(schema, bad)).toBe(false);
  });

  test('leaves other formats as plain strings', async () => {
    const { schema, code } = await compile({ type: 'string', format: 'uri-template' });
    expect(code).toContain('SubjectEventSchema = z.string();');
    expect(accepts(schema, '/orders{/id}')).toBe(true);
  });

  test('applies length limits and a pattern', async () => {
    const { schema } = await compile({
      type: 'string',
      minLength: 2,
      maxLength: 6,
      pattern: '^ord_',
    });
    expect(accepts(schema, 'ord_1')).toBe(true);
    expect(accepts(schema, 'ord_12345')).toBe(false);
    expect(accepts(schema, 'o')).toBe(false);
    expect(accepts(schema, 'abc')).toBe(false);
  });

  test('writes a pattern with a slash as a valid regex literal', async () => {
    const { schema } = await compile({ type: 'string', pattern: '^refs/heads/' });
    expect(accepts(schema, 'refs/heads/main')).toBe(true);
    expect(accepts(schema, 'refs/tags/v1')).toBe(false);
  });
});

describe('numbers', () => {
  test('checks integers and inclusive limits', async () => {
    const { schema } = await compile({ type: 'integer', minimum: 1, maximum: 10 });
    expect(accepts(schema, 1)).toBe(true);
    expect(accepts(schema, 10)).toBe(true);
    expect(accepts(schema, 1.5)).toBe(false);
    expect(accepts(schema, 0)).toBe(false);
    expect(accepts(schema, 11)).toBe(false);
  });

  test('checks exclusive limits in both spellings', async () => {
    const modern = await compile({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 });
    const openapi30 = await compile({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 1,
      exclusiveMaximum: true,
    });
    for (const { schema } of [modern, openapi30]) {
      expect(accepts(schema, 0.5)).toBe(true);
      expect(accepts(schema, 0)).toBe(false);
      expect(accepts(schema, 1)).toBe(false);
    }
  });

  test('checks multipleOf', async () => {
    const { schema } = await compile({ type: 'number', multipleOf: 5 });
    expect(accepts(schema, 15)).toBe(true);
    expect(accepts(schema, 7)).toBe(false);
  });
});

describe('enum and const', () => {
  test('turns a string enum into z.enum', async () => {
    const { schema, code } = await compile({ type: 'string', enum: ['ups', 'dhl'] });
    expect(code).toContain("z.enum(['ups', 'dhl'])");
    expect(accepts(schema, 'dhl')).toBe(true);
    expect(accepts(schema, 'fedex')).toBe(false);
  });

  test('accepts mixed enum values', async () => {
    const { schema } = await compile({ enum: [1, 'one', true] });
    expect(accepts(schema, 1)).toBe(true);
    expect(accepts(schema, 'one')).toBe(true);
    expect(accepts(schema, true)).toBe(true);
    expect(accepts(schema, 2)).toBe(false);
  });

  test('turns const into a literal', async () => {
    const { schema } = await compile({ const: 'order' });
    expect(accepts(schema, 'order')).toBe(true);
    expect(accepts(schema, 'user')).toBe(false);
  });
});

describe('nullable', () => {
  test.each([
    ['a 3.1 type array', { type: ['string', 'null'] }],
    ['OpenAPI 3.0 nullable', { type: 'string', nullable: true }],
    ['null in an enum', { type: 'string', enum: ['a', null] }],
    ['a null branch of anyOf', { anyOf: [{ type: 'string' }, { type: 'null' }] }],
  ])('accepts null for %s', async (_name, subject) => {
    const { schema } = await compile(subject);
    expect(accepts(schema, null)).toBe(true);
    expect(accepts(schema, 'a')).toBe(true);
    expect(accepts(schema, 1)).toBe(false);
  });

  test('rejects null without a nullable marker', async () => {
    const { schema } = await compile({ type: 'string' });
    expect(accepts(schema, null)).toBe(false);
  });

  test('turns several types into a union', async () => {
    const { schema } = await compile({ type: ['string', 'integer'] });
    expect(accepts(schema, 'a')).toBe(true);
    expect(accepts(schema, 3)).toBe(true);
    expect(accepts(schema, 3.5)).toBe(false);
    expect(accepts(schema, null)).toBe(false);
  });

  test('accepts anything for an empty schema', async () => {
    const { schema, code } = await compile({});
    expect(code).toContain('z.unknown()');
    expect(accepts(schema, { any: 'thing' })).toBe(true);
  });
});

describe('formats option', () => {
  test('leaves formats unchecked with annotate', async () => {
    const { schema, code } = await compile(
      { type: 'string', format: 'uri', minLength: 0 },
      { formats: 'annotate' },
    );
    expect(code).toContain('SubjectEventSchema = z.string().min(0);');
    expect(code).toContain("hookline-codegen 'the catalog' --formats annotate");
    expect(accepts(schema, '')).toBe(true);
  });

  test('checks formats by default', async () => {
    const { schema } = await compile({ type: 'string', format: 'uri' });
    expect(accepts(schema, '')).toBe(false);
  });
});
