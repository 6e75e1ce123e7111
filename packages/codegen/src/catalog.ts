import { invalidCatalog } from './codegen-error.js';
import type { CatalogFormat, ResolvedOptions } from './options.js';
import { isObject, joinPointer, resolvePointer, splitPointer } from './pointer.js';
import { asyncApiEvents } from './catalog-asyncapi.js';
import { openApiEvents } from './catalog-openapi.js';
import { applyEventName } from './event-name.js';

/** A named schema of the catalog. */
export interface CatalogEntry {
  readonly name: string;
  /** The `#`-rooted JSON pointer of the schema in the bundled document. */
  readonly pointer: string;
}

/** An event of the catalog: its type and the pointer of the schema of its data. */
export interface CatalogEvent {
  readonly type: string;
  readonly pointer: string;
}

/** The events and shared definitions found in a bundled catalog document. */
export interface Catalog {
  readonly document: unknown;
  readonly format: CatalogFormat;
  readonly events: readonly CatalogEvent[];
  readonly definitions: readonly CatalogEntry[];
}

/**
 * Finds the events and shared definitions of a bundled catalog document.
 * @throws {CodegenError} `HOOKLINE_CODEGEN_INVALID_CATALOG` when no events are found or two
 *   events have the same type.
 */
export function readCatalog(document: unknown, options: ResolvedOptions): Catalog {
  if (!isObject(document)) throw invalidCatalog('the catalog is not a JSON or YAML object');
  const format = options.format ?? detectFormat(document);
  const definitions = definitionEntries(document, format);
  const events =
    format === 'openapi'
      ? openApiEvents(document, options)
      : format === 'asyncapi'
        ? asyncApiEvents(document, options)
        : jsonSchemaEvents(document, options);
  if (events.length === 0) throw invalidCatalog(noEventsMessage(format));
  checkUnique(events);
  return { document, format, events, definitions };
}

/** Picks the format from the document's marker key. */
export function detectFormat(document: Record<string, unknown>): CatalogFormat {
  if (typeof document.openapi === 'string') return 'openapi';
  if (typeof document.asyncapi === 'string') return 'asyncapi';
  if (document.swagger !== undefined) {
    throw invalidCatalog('Swagger 2.0 documents have no webhooks; convert it to OpenAPI 3');
  }
  return 'jsonschema';
}

function definitionEntries(document: Record<string, unknown>, format: CatalogFormat) {
  const containers =
    format === 'jsonschema' ? [['$defs'], ['definitions']] : [['components', 'schemas']];
  const entries: CatalogEntry[] = [];
  for (const path of containers) {
    const pointer = joinPointer('#', ...path);
    const container = resolvePointer(document, pointer);
    if (!isObject(container)) continue;
    for (const name of Object.keys(container)) {
      entries.push({ name, pointer: joinPointer(pointer, name) });
    }
  }
  return entries;
}

/**
 * JSON Schema layout: the root `oneOf` (or `anyOf`) lists the events as `$ref`s into `$defs` or
 * `definitions`. Without such a list, every definition with `x-event-type` is an event.
 */
function jsonSchemaEvents(document: Record<string, unknown>, options: ResolvedOptions) {
  const listed = document.oneOf ?? document.anyOf;
  const keyword = document.oneOf === undefined ? 'anyOf' : 'oneOf';
  if (listed === undefined) return markedEvents(document, options);
  if (!Array.isArray(listed)) throw invalidCatalog(`${keyword} is not an array`, `#/${keyword}`);
  return listed.map((entry, index) => {
    const pointer = joinPointer('#', keyword, index);
    const target = isObject(entry) ? entry.$ref : undefined;
    if (typeof target !== 'string' || splitPointer(target) === undefined) {
      throw invalidCatalog(`each root ${keyword} entry must be a local $ref to an event`, pointer);
    }
    const schema = resolvePointer(document, target);
    if (schema === undefined) throw invalidCatalog(`$ref "${target}" does not resolve`, pointer);
    const name = splitPointer(target)?.at(-1) ?? target;
    return { type: jsonSchemaEventType(schema, name, target, options), pointer: target };
  });
}

function markedEvents(document: Record<string, unknown>, options: ResolvedOptions) {
  return definitionEntries(document, 'jsonschema')
    .filter((entry) => {
      const schema = resolvePointer(document, entry.pointer);
      return isObject(schema) && typeof schema['x-event-type'] === 'string';
    })
    .map((entry) => {
      const schema = resolvePointer(document, entry.pointer);
      return {
        type: jsonSchemaEventType(schema, entry.name, entry.pointer, options),
        pointer: entry.pointer,
      };
    });
}

function jsonSchemaEventType(
  schema: unknown,
  name: string,
  pointer: string,
  options: ResolvedOptions,
): string {
  if (isObject(schema) && typeof schema['x-event-type'] === 'string') return schema['x-event-type'];
  if (options.typeField !== undefined) {
    const field = resolvePointer(schema, joinPointer('#', 'properties', options.typeField));
    const value = isObject(field) ? literalOf(field) : undefined;
    if (typeof value === 'string') return value;
    throw invalidCatalog(
      `the event has no x-event-type and its "${options.typeField}" property has no string const`,
      pointer,
    );
  }
  return applyEventName(name, pointer, options);
}

function literalOf(schema: Record<string, unknown>): unknown {
  if (schema.const !== undefined) return schema.const;
  return Array.isArray(schema.enum) && schema.enum.length === 1 ? schema.enum[0] : undefined;
}

function checkUnique(events: readonly CatalogEvent[]): void {
  const seen = new Map<string, string>();
  for (const event of events) {
    const first = seen.get(event.type);
    if (first !== undefined) {
      throw invalidCatalog(
        `event type "${event.type}" is defined twice, at ${first} and ${event.pointer}`,
      );
    }
    seen.set(event.type, event.pointer);
  }
}

function noEventsMessage(format: CatalogFormat): string {
  if (format === 'openapi') return 'the OpenAPI document has no `webhooks` or `x-webhooks`';
  if (format === 'asyncapi') return 'the AsyncAPI document has no messages in its channels';
  return 'the JSON Schema catalog lists no events: list them as $refs in a root `oneOf`, or mark definitions with `x-event-type`';
}
