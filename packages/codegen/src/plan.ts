import type { Catalog } from './catalog.js';
import { invalidCatalog } from './codegen-error.js';
import { declarationOrder } from './declaration-order.js';
import { compare, pascalCase, uniqueNames } from './naming.js';
import { followRefs, isObject, resolvePointer, splitPointer } from './pointer.js';
import { childSchemas, collectRefs } from './schema-walk.js';

/** One exported schema of the generated module. */
export interface PlannedSchema {
  /** The type name; the schema constant is `${name}Schema`. */
  readonly name: string;
  readonly pointer: string;
  /** The event type, for the schema of an event's data. */
  readonly eventType: string | undefined;
  /** The schemas that this one references, by pointer. */
  readonly dependencies: readonly Dependency[];
}

/** A reference from one planned schema to another. */
export interface Dependency {
  readonly target: string;
  /**
   * Whether every use sits inside an object property, where a getter can read the target later,
   * so the target may be declared after the schema that uses it.
   */
  readonly deferrable: boolean;
}

/** The schemas to emit, in declaration order, and the schema of each event type. */
export interface Plan {
  readonly schemas: readonly PlannedSchema[];
  /** Event type → the planned schema of its data, sorted by event type. */
  readonly events: readonly { type: string; schema: PlannedSchema }[];
}

const annotations = new Set([
  '$ref',
  'description',
  'title',
  '$comment',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

interface Candidate {
  readonly label: string;
  readonly pointer: string;
  readonly eventType: string | undefined;
}

/**
 * Names every schema the module exports: each event, each shared definition, and every other
 * schema that a `$ref` points to. Orders them so that a schema is declared after the schemas it
 * references, except inside reference cycles.
 */
export function planModule(catalog: Catalog): Plan {
  const candidates = collectCandidates(catalog);
  const names = uniqueNames(candidates.map((candidate) => pascalCase(candidate.label)));
  const byPointer = new Map<string, PlannedSchema>();
  const pointers = new Set(candidates.map((candidate) => candidate.pointer));
  candidates.forEach((candidate, index) => {
    const dependencies = dependenciesOf(catalog.document, candidate.pointer, pointers);
    byPointer.set(candidate.pointer, {
      name: names[index] ?? candidate.label,
      pointer: candidate.pointer,
      eventType: candidate.eventType,
      dependencies,
    });
  });
  const events = catalog.events
    .map((event) => ({ type: event.type, schema: eventSchema(catalog, byPointer, event.pointer) }))
    .sort((a, b) => compare(a.type, b.type));
  return { schemas: declarationOrder(byPointer), events };
}

function collectCandidates(catalog: Catalog): Candidate[] {
  const candidates = new Map<string, Candidate>();
  const events = [...catalog.events].sort((a, b) => compare(a.type, b.type));
  for (const event of events) {
    const pointer = eventTarget(catalog, event.pointer, candidates);
    candidates.set(pointer, { label: `${event.type} event`, pointer, eventType: event.type });
  }
  const definitions = [...catalog.definitions].sort((a, b) => compare(a.name, b.name));
  for (const definition of definitions) {
    if (candidates.has(definition.pointer)) continue;
    const label = definition.name;
    candidates.set(definition.pointer, {
      label,
      pointer: definition.pointer,
      eventType: undefined,
    });
  }
  addReferenced(catalog.document, candidates);
  return [...candidates.values()];
}

/**
 * Returns the pointer of the schema exported under an event's name. An event whose request body
 * or payload schema is only a `$ref` takes over the referenced schema, so the module does not
 * export the same schema twice, unless another event took it first. An event that is itself a
 * definition keeps its own schema.
 */
function eventTarget(catalog: Catalog, pointer: string, taken: Map<string, Candidate>): string {
  if (catalog.definitions.some((definition) => definition.pointer === pointer)) return pointer;
  const schema = resolvePointer(catalog.document, pointer);
  const onlyRef = isObject(schema) && Object.keys(schema).every((key) => annotations.has(key));
  if (!onlyRef) return pointer;
  const target = followRefs(catalog.document, schema, pointer).pointer;
  return taken.has(target) ? pointer : target;
}

function eventSchema(catalog: Catalog, planned: Map<string, PlannedSchema>, pointer: string) {
  const direct = planned.get(pointer);
  if (direct?.eventType !== undefined) return direct;
  const target = planned.get(
    followRefs(catalog.document, resolvePointer(catalog.document, pointer), pointer).pointer,
  );
  if (target === undefined) throw invalidCatalog('the event schema was not planned', pointer);
  return target;
}

function addReferenced(document: unknown, candidates: Map<string, Candidate>): void {
  const pending = [...candidates.keys()];
  for (let pointer = pending.pop(); pointer !== undefined; pointer = pending.pop()) {
    for (const { ref, pointer: at } of collectRefs(resolvePointer(document, pointer), pointer)) {
      if (candidates.has(ref)) continue;
      const segments = splitPointer(ref);
      if (segments === undefined) {
        throw invalidCatalog(
          `$ref "${ref}" was not resolved; load the catalog with generateFromFile`,
          at,
        );
      }
      if (resolvePointer(document, ref) === undefined) {
        throw invalidCatalog(`$ref "${ref}" does not resolve`, at);
      }
      candidates.set(ref, { label: referenceLabel(segments), pointer: ref, eventType: undefined });
      pending.push(ref);
    }
  }
}

/**
 * Lists what the schema at `pointer` references: `$ref` targets, and nested subschemas that are
 * planned on their own (a `$ref` elsewhere points into this schema).
 */
function dependenciesOf(document: unknown, pointer: string, planned: Set<string>): Dependency[] {
  const found = new Map<string, boolean>();
  const add = (target: string, deferrable: boolean) => {
    found.set(target, (found.get(target) ?? true) && deferrable);
  };
  const root = resolvePointer(document, pointer);
  if (isObject(root) && typeof root.$ref === 'string') add(root.$ref, false);
  const pending = childrenOf(root, pointer, false);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (planned.has(next.pointer)) {
      add(next.pointer, next.inProperty);
      continue;
    }
    if (isObject(next.schema) && typeof next.schema.$ref === 'string') {
      add(next.schema.$ref, next.inProperty);
    }
    pending.push(...childrenOf(next.schema, next.pointer, next.inProperty));
  }
  return [...found].map(([target, deferrable]) => ({ target, deferrable }));
}

/** Lists subschemas and whether each sits in an object property (not under a record value). */
function childrenOf(schema: unknown, pointer: string, inProperty: boolean) {
  return childSchemas(schema, pointer, false).map((child) => ({
    ...child,
    inProperty:
      child.pointer.startsWith(`${pointer}/properties/`) ||
      (inProperty && child.pointer !== `${pointer}/additionalProperties`),
  }));
}

/** Names a schema that is only reachable through a `$ref` after its last meaningful segment. */
function referenceLabel(segments: readonly string[]): string {
  const generic = /^(\d+|items|schema|payload|additionalProperties|allOf|anyOf|oneOf)$/u;
  const meaningful = segments.filter(
    (segment) => !generic.test(segment) && segment !== 'properties',
  );
  return meaningful.at(-1) ?? 'schema';
}
