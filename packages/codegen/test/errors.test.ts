import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { type CodegenError, generate, generateFromFile, isCodegenError } from '../src/index.js';
import { catalogOf } from './helpers.js';

function errorOf(run: () => unknown): CodegenError {
  try {
    run();
  } catch (error) {
    if (isCodegenError(error)) return error;
    throw error;
  }
  throw new Error('expected a CodegenError');
}

describe('unsupported constructs', () => {
  test.each([
    ['not', { not: { type: 'string' } }, '#/$defs/subject/not'],
    ['if', { if: { type: 'string' }, then: {} }, '#/$defs/subject/if'],
    [
      'patternProperties',
      { type: 'object', properties: { a: { patternProperties: { '^x': {} } } } },
      '#/$defs/subject/properties/a/patternProperties',
    ],
    ['an object const', { const: { a: 1 } }, '#/$defs/subject/const'],
    ['an object in an enum', { enum: ['a', { b: 1 }] }, '#/$defs/subject/enum/1'],
  ])('rejects %s with its pointer', (_name, schema, pointer) => {
    const error = errorOf(() => generate(catalogOf(schema)));
    expect(error.code).toBe('HOOKLINE_CODEGEN_UNSUPPORTED');
    expect(error.pointer).toBe(pointer);
    expect(error.message).toContain(`(at ${pointer})`);
  });

  test('rejects a cycle outside object properties', () => {
    const list = {
      anyOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/$defs/subject' } }],
    };
    const error = errorOf(() => generate(catalogOf(list)));
    expect(error.code).toBe('HOOKLINE_CODEGEN_UNSUPPORTED');
    expect(error.pointer).toBe('#/$defs/subject/anyOf/1/items');
    expect(error.message).toContain('put the recursion inside an object property');
  });

  test('rejects an invalid pattern', () => {
    const error = errorOf(() => generate(catalogOf({ type: 'string', pattern: '(' })));
    expect(error.code).toBe('HOOKLINE_CODEGEN_UNSUPPORTED');
    expect(error.pointer).toBe('#/$defs/subject/pattern');
  });
});

describe('invalid catalogs', () => {
  test('rejects a catalog without events', () => {
    const error = errorOf(() => generate({ $defs: { a: { type: 'string' } } }));
    expect(error.code).toBe('HOOKLINE_CODEGEN_INVALID_CATALOG');
    expect(error.message).toContain('lists no events');
  });

  test('rejects an event type defined twice', () => {
    const twice = {
      $defs: { a: { 'x-event-type': 'same' }, b: { 'x-event-type': 'same' } },
      oneOf: [{ $ref: '#/$defs/a' }, { $ref: '#/$defs/b' }],
    };
    const error = errorOf(() => generate(twice));
    expect(error.message).toBe('event type "same" is defined twice, at #/$defs/a and #/$defs/b');
  });

  test('rejects a $ref that does not resolve', () => {
    const error = errorOf(() => generate(catalogOf({ $ref: '#/$defs/missing' })));
    expect(error.code).toBe('HOOKLINE_CODEGEN_INVALID_CATALOG');
    expect(error.pointer).toBe('#/$defs/subject');
  });

  test('asks for generateFromFile on an external $ref', () => {
    const error = errorOf(() => generate(catalogOf({ $ref: './money.json' })));
    expect(error.message).toContain('load the catalog with generateFromFile');
  });

  test('rejects a name that the event name pattern does not match', () => {
    const error = errorOf(() => generate(catalogOf({}), { eventName: '^(.+)_event$' }));
    expect(error.message).toContain('"subject" does not match the event name pattern');
  });

  test('rejects an invalid event name pattern', () => {
    const error = errorOf(() => generate(catalogOf({}), { eventName: '(' }));
    expect(error.code).toBe('HOOKLINE_CODEGEN_INVALID_OPTION');
  });

  test('rejects a file that does not parse', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hookline-codegen-'));
    writeFileSync(join(folder, 'bad.json'), '{ "oneOf": ');
    await expect(generateFromFile(join(folder, 'bad.json'))).rejects.toMatchObject({
      code: 'HOOKLINE_CODEGEN_INVALID_CATALOG',
    });
  });

  test('does not fetch http references', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hookline-codegen-'));
    const catalog = catalogOf({ $ref: 'http://127.0.0.1:9/schema.json' });
    writeFileSync(join(folder, 'remote.json'), JSON.stringify(catalog));
    await expect(generateFromFile(join(folder, 'remote.json'))).rejects.toMatchObject({
      code: 'HOOKLINE_CODEGEN_INVALID_CATALOG',
    });
  });
});

describe('hookline-codegen command', () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args]).then(
      (result) => ({ status: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        status: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  test('writes the module and checks it for drift', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hookline-codegen-'));
    const catalog = join(folder, 'events.json');
    const out = join(folder, 'src', 'events.generated.ts');
    writeFileSync(catalog, JSON.stringify(catalogOf({ type: 'string' })));

    expect((await run([catalog, '--out', out, '--strict'])).status).toBe(0);
    const code = readFileSync(out, 'utf8');
    expect(code).toContain(
      `// Regenerate it with: hookline-codegen ${catalog} --out ${out} --strict`,
    );
    expect((await run([catalog, '--out', out, '--strict', '--check'])).status).toBe(0);

    writeFileSync(out, `${code}// edited\n`);
    const stale = await run([catalog, '--out', out, '--strict', '--check']);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('is out of date');
  });

  test('exits 2 on invalid arguments', async () => {
    const missing = await run(['events.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('expected one <catalog> and --out <file.ts>');
    expect((await run(['events.json', '--out', 'x.ts', '--bogus'])).status).toBe(2);
  });

  test('exits 1 and names the pointer of an unsupported construct', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hookline-codegen-'));
    const catalog = join(folder, 'events.json');
    writeFileSync(catalog, JSON.stringify(catalogOf({ not: {} })));
    const result = await run([catalog, '--out', join(folder, 'out.ts')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('(at #/$defs/subject/not)');
  });

  test('prints the help', async () => {
    const result = await run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: hookline-codegen <catalog> --out <file.ts>');
  });
});
