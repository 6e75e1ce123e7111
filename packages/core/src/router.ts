import type { WebhookHandler } from './types.js';

/** A registered handler and the step name that records its completion across retries. */
export interface Registration {
  readonly pattern: string;
  // `never` accepts a handler of any event type; the router passes each only matching events.
  readonly handler: WebhookHandler<never>;
  readonly step: string;
  readonly order: number;
}

const anyPattern = '*';

/**
 * Holds handlers by exact type, by dotted prefix (`order.*`) and for any type, and returns the
 * handlers of a type in registration order. Lookups are cached until the next change.
 */
export class HandlerRegistry {
  readonly #byPattern = new Map<string, Registration[]>();
  readonly #cache = new Map<string, readonly Registration[]>();
  #order = 0;

  add(pattern: string, handler: WebhookHandler<never>): void {
    const list = this.#byPattern.get(pattern) ?? [];
    // The step name must be the same in every process running the same code, so it counts
    // handlers of the same pattern instead of using a random or global id.
    const step = `${pattern}#${list.length}`;
    list.push({ pattern, handler, step, order: this.#order++ });
    this.#byPattern.set(pattern, list);
    this.#cache.clear();
  }

  remove(pattern: string, handler: WebhookHandler<never>): boolean {
    const list = this.#byPattern.get(pattern);
    const index = list?.findIndex((registration) => registration.handler === handler) ?? -1;
    if (list === undefined || index === -1) return false;
    list.splice(index, 1);
    this.#cache.clear();
    return true;
  }

  match(type: string): readonly Registration[] {
    const cached = this.#cache.get(type);
    if (cached !== undefined) return cached;
    const found: Registration[] = [...(this.#byPattern.get(type) ?? [])];
    for (let dot = type.indexOf('.'); dot !== -1; dot = type.indexOf('.', dot + 1)) {
      found.push(...(this.#byPattern.get(`${type.slice(0, dot)}.*`) ?? []));
    }
    found.push(...(this.#byPattern.get(anyPattern) ?? []));
    found.sort((a, b) => a.order - b.order);
    this.#cache.set(type, found);
    return found;
  }
}

export { anyPattern };
