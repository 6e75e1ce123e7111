import { invalidCatalog } from './codegen-error.js';
import type { ResolvedOptions } from './options.js';

/** Applies the `eventName` pattern to a name that an event type is taken from. */
export function applyEventName(name: string, pointer: string, options: ResolvedOptions): string {
  if (options.eventName === undefined) return name;
  const match = options.eventName.exec(name);
  const type = match?.[1] ?? match?.[0];
  if (type === undefined || type === '') {
    throw invalidCatalog(
      `the name "${name}" does not match the event name pattern ${String(options.eventName)}`,
      pointer,
    );
  }
  return type;
}
