import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type GenerateOptions, generate } from '../src/index.js';

/** Where tests write generated modules; git ignores it. */
export const generatedDir = fileURLToPath(new URL('./.generated/', import.meta.url));

/** Writes generated code to a file named after its hash and imports it. */
export async function importModule(code: string): Promise<Record<string, unknown>> {
  mkdirSync(generatedDir, { recursive: true });
  const name = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const path = `${generatedDir}unit-${name}.ts`;
  writeFileSync(path, code);
  return (await import(path)) as Record<string, unknown>;
}

/** Builds a JSON Schema catalog with one event, `subject`, and optional shared definitions. */
export function catalogOf(schema: unknown, definitions: Record<string, unknown> = {}) {
  return {
    $defs: { subject: schema, ...definitions },
    oneOf: [{ $ref: '#/$defs/subject' }],
  };
}

/** Generates the module for one event schema and returns the event's zod schema and the code. */
export async function compile(
  schema: unknown,
  options: GenerateOptions & { definitions?: Record<string, unknown> } = {},
): Promise<{ schema: z.ZodType; code: string; module: Record<string, unknown> }> {
  const { definitions, ...generateOptions } = options;
  const code = generate(catalogOf(schema, definitions), generateOptions);
  const module = await importModule(code);
  return { schema: module.SubjectEventSchema as z.ZodType, code, module };
}

/** Returns whether `schema` accepts `value`. */
export function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}
