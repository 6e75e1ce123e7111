import { compare } from './naming.js';
import type { PlannedSchema } from './plan.js';

/**
 * Orders schemas so that each is declared after the schemas it references. Schemas that reference
 * each other (a strongly connected component) are ordered so that only deferrable references,
 * inside object properties, point forward; ties go by name.
 */
export function declarationOrder(planned: Map<string, PlannedSchema>): PlannedSchema[] {
  const ordered: PlannedSchema[] = [];
  for (const component of components(planned)) ordered.push(...orderComponent(component));
  return ordered;
}

/** Finds the strongly connected components (Tarjan), each after the components it references. */
function components(planned: Map<string, PlannedSchema>): PlannedSchema[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: PlannedSchema[] = [];
  const found: PlannedSchema[][] = [];
  const visit = (schema: PlannedSchema): void => {
    index.set(schema.pointer, index.size);
    low.set(schema.pointer, index.get(schema.pointer) ?? 0);
    stack.push(schema);
    for (const target of targetsOf(schema, planned)) {
      if (!index.has(target.pointer)) {
        visit(target);
        low.set(
          schema.pointer,
          Math.min(low.get(schema.pointer) ?? 0, low.get(target.pointer) ?? 0),
        );
      } else if (stack.includes(target)) {
        low.set(
          schema.pointer,
          Math.min(low.get(schema.pointer) ?? 0, index.get(target.pointer) ?? 0),
        );
      }
    }
    if (low.get(schema.pointer) !== index.get(schema.pointer)) return;
    const start = stack.indexOf(schema);
    found.push(stack.splice(start));
  };
  const sorted = [...planned.values()].sort((a, b) => compare(a.name, b.name));
  for (const schema of sorted) if (!index.has(schema.pointer)) visit(schema);
  return found;
}

function targetsOf(schema: PlannedSchema, planned: Map<string, PlannedSchema>, eagerOnly = false) {
  return schema.dependencies
    .filter((dependency) => !eagerOnly || !dependency.deferrable)
    .map((dependency) => planned.get(dependency.target))
    .filter((target): target is PlannedSchema => target !== undefined)
    .sort((a, b) => compare(a.name, b.name));
}

/**
 * Orders one component: repeatedly takes the first schema by name whose eager (non-deferrable)
 * references inside the component are all declared. When none qualifies, the eager references
 * form a cycle that the translation reports.
 */
function orderComponent(component: PlannedSchema[]): PlannedSchema[] {
  if (component.length === 1) return component;
  const members = new Map(component.map((schema) => [schema.pointer, schema]));
  const remaining = [...component].sort((a, b) => compare(a.name, b.name));
  const ordered: PlannedSchema[] = [];
  while (remaining.length > 0) {
    const ready = remaining.findIndex((schema) =>
      targetsOf(schema, members, true).every((target) => !remaining.includes(target)),
    );
    const [next] = remaining.splice(Math.max(ready, 0), 1);
    if (next !== undefined) ordered.push(next);
  }
  return ordered;
}
