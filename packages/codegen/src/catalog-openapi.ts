import type { CatalogEvent } from './catalog.js';
import { applyEventName } from './event-name.js';
import { invalidCatalog } from './codegen-error.js';
import type { ResolvedOptions } from './options.js';
import { followRefs, isObject, joinPointer } from './pointer.js';

const methods = ['post', 'put', 'patch', 'get', 'delete', 'options', 'head', 'trace'];

/**
 * OpenAPI layout: each entry of `webhooks` (3.1) or `x-webhooks` (3.0) is an event. Its type is
 * the operation's `x-event-type`, or else the webhook's key; its data schema is the JSON request
 * body of the first operation.
 */
export function openApiEvents(
  document: Record<string, unknown>,
  options: ResolvedOptions,
): CatalogEvent[] {
  const key = document.webhooks === undefined ? 'x-webhooks' : 'webhooks';
  const webhooks = document[key];
  if (webhooks === undefined) return [];
  if (!isObject(webhooks)) throw invalidCatalog(`${key} is not an object`, `#/${key}`);
  return Object.keys(webhooks).map((name) => {
    const pathItem = followRefs(document, webhooks[name], joinPointer('#', key, name));
    const operation = firstOperation(pathItem.value, pathItem.pointer);
    const type =
      typeof operation.value['x-event-type'] === 'string'
        ? operation.value['x-event-type']
        : applyEventName(name, pathItem.pointer, options);
    return { type, pointer: requestSchema(document, operation.value, operation.pointer) };
  });
}

function firstOperation(pathItem: unknown, pointer: string) {
  const method = isObject(pathItem) ? methods.find((name) => isObject(pathItem[name])) : undefined;
  if (method === undefined || !isObject(pathItem)) {
    throw invalidCatalog('the webhook has no operation', pointer);
  }
  return {
    value: pathItem[method] as Record<string, unknown>,
    pointer: joinPointer(pointer, method),
  };
}

function requestSchema(
  document: Record<string, unknown>,
  operation: Record<string, unknown>,
  pointer: string,
): string {
  const body = followRefs(document, operation.requestBody, joinPointer(pointer, 'requestBody'));
  const content = isObject(body.value) ? body.value.content : undefined;
  if (!isObject(content)) {
    throw invalidCatalog('the webhook operation has no request body content', pointer);
  }
  const types = Object.keys(content);
  const mediaType =
    types.find((type) => type === 'application/json') ??
    types.find((type) => /[/+]json\b/u.test(type));
  if (mediaType === undefined || !isObject(content[mediaType])) {
    throw invalidCatalog(
      `the request body has no JSON media type (found ${types.join(', ') || 'none'})`,
      body.pointer,
    );
  }
  const schemaPointer = joinPointer(body.pointer, 'content', mediaType, 'schema');
  if (content[mediaType].schema === undefined) {
    throw invalidCatalog('the JSON request body has no schema', schemaPointer);
  }
  return schemaPointer;
}
