import type { CatalogEvent } from './catalog.js';
import { applyEventName } from './event-name.js';
import { invalidCatalog, unsupported } from './codegen-error.js';
import type { ResolvedOptions } from './options.js';
import { followRefs, isObject, joinPointer, splitPointer } from './pointer.js';

interface Message {
  readonly value: Record<string, unknown>;
  readonly pointer: string;
}

/**
 * AsyncAPI layout: every message of every channel is an event (2.x: the `message` of `publish`
 * and `subscribe`, with its `oneOf`; 3.0: `channels.*.messages`). Without channels, the
 * messages of `components.messages` are used. The event type is the message's `x-event-type`,
 * `name`, `messageId`, or else its key.
 */
export function asyncApiEvents(
  document: Record<string, unknown>,
  options: ResolvedOptions,
): CatalogEvent[] {
  let messages = channelMessages(document);
  if (messages.length === 0) messages = componentMessages(document);
  const seen = new Set<string>();
  const events: CatalogEvent[] = [];
  for (const message of messages) {
    if (seen.has(message.pointer)) continue;
    seen.add(message.pointer);
    events.push({ type: messageType(message, options), pointer: payloadPointer(message) });
  }
  return events;
}

function channelMessages(document: Record<string, unknown>): Message[] {
  const channels = isObject(document.channels) ? document.channels : {};
  const messages: Message[] = [];
  for (const name of Object.keys(channels)) {
    const channel = followRefs(document, channels[name], joinPointer('#', 'channels', name));
    if (!isObject(channel.value)) continue;
    if (isObject(channel.value.messages)) {
      for (const key of Object.keys(channel.value.messages)) {
        const pointer = joinPointer(channel.pointer, 'messages', key);
        messages.push(...resolveMessages(document, channel.value.messages[key], pointer));
      }
    }
    for (const action of ['publish', 'subscribe']) {
      const operation = channel.value[action];
      if (!isObject(operation) || operation.message === undefined) continue;
      const pointer = joinPointer(channel.pointer, action, 'message');
      messages.push(...resolveMessages(document, operation.message, pointer));
    }
  }
  return messages;
}

function componentMessages(document: Record<string, unknown>): Message[] {
  const components = isObject(document.components) ? document.components : {};
  const messages = isObject(components.messages) ? components.messages : {};
  return Object.keys(messages).flatMap((key) =>
    resolveMessages(document, messages[key], joinPointer('#', 'components', 'messages', key)),
  );
}

function resolveMessages(document: unknown, value: unknown, pointer: string): Message[] {
  const message = followRefs(document, value, pointer);
  if (!isObject(message.value)) throw invalidCatalog('the message is not an object', pointer);
  const { oneOf } = message.value;
  if (Array.isArray(oneOf)) {
    return oneOf.flatMap((entry, index) =>
      resolveMessages(document, entry, joinPointer(message.pointer, 'oneOf', index)),
    );
  }
  return [{ value: message.value, pointer: message.pointer }];
}

function messageType(message: Message, options: ResolvedOptions): string {
  const { value } = message;
  if (typeof value['x-event-type'] === 'string') return value['x-event-type'];
  const name =
    typeof value.name === 'string'
      ? value.name
      : typeof value.messageId === 'string'
        ? value.messageId
        : (splitPointer(message.pointer)?.at(-1) ?? message.pointer);
  return applyEventName(name, message.pointer, options);
}

function payloadPointer(message: Message): string {
  const { payload } = message.value;
  const pointer = joinPointer(message.pointer, 'payload');
  if (payload === undefined) throw invalidCatalog('the message has no payload', message.pointer);
  checkSchemaFormat(message.value.schemaFormat, message.pointer);
  // AsyncAPI 3.0 allows a multi-format schema object: { schemaFormat, schema }.
  if (isObject(payload) && typeof payload.schemaFormat === 'string') {
    checkSchemaFormat(payload.schemaFormat, pointer);
    return joinPointer(pointer, 'schema');
  }
  return pointer;
}

function checkSchemaFormat(format: unknown, pointer: string): void {
  if (format === undefined) return;
  const supported = /^application\/(schema\+json|schema\+yaml|vnd\.aai\.asyncapi(\+json|\+yaml)?)/u;
  if (typeof format === 'string' && supported.test(format)) return;
  throw unsupported(
    `schemaFormat ${JSON.stringify(format)} is not supported; only JSON Schema and AsyncAPI schemas are`,
    pointer,
  );
}
