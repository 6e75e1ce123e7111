import { type Delivery, getHeader, WebhookConfigurationError } from '@hookline/core';

/** The options that locate the public URL Twilio signed. */
export interface TwilioUrlOptions {
  url: string | undefined;
  trustForwardedHeaders: boolean;
}

/**
 * Returns the URL Twilio called. A configured `url` gives the origin and path, and the request's
 * query string (which carries `bodySHA256` for JSON bodies) replaces the configured one when the
 * request has one. With `trustForwardedHeaders`, the origin comes from `X-Forwarded-Proto` and
 * `X-Forwarded-Host` (else `Host`). Otherwise the delivery's own URL is used as it is.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when no absolute URL is known.
 */
export function twilioUrl(options: TwilioUrlOptions, delivery: Delivery): string {
  const received = delivery.url ?? '';
  const query = received.includes('?') ? received.slice(received.indexOf('?')) : '';
  if (options.url !== undefined) {
    const configured = options.url.split('?');
    const configuredQuery = configured.length > 1 ? `?${configured.slice(1).join('?')}` : '';
    return `${configured[0] ?? ''}${query === '' ? configuredQuery : query}`;
  }
  if (options.trustForwardedHeaders) {
    const proto = firstValue(getHeader(delivery.headers, 'x-forwarded-proto')) ?? 'https';
    const host =
      firstValue(getHeader(delivery.headers, 'x-forwarded-host')) ??
      getHeader(delivery.headers, 'host');
    if (host !== undefined && host !== '') {
      const path = URL.canParse(received) ? pathAndQuery(received) : received;
      return `${proto}://${host}${path.startsWith('/') ? path : `/${path}`}`;
    }
  }
  if (URL.canParse(received)) return received;
  throw new WebhookConfigurationError(
    'twilio: the signature covers the public URL, but it is unknown; set `url` to the ' +
      'address Twilio calls, or `trustForwardedHeaders` behind a proxy that sets them',
  );
}

/**
 * Returns the URL with and without the default port, because Twilio may sign either form.
 */
export function portVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#:@[\]]+)(:\d+)?(.*)$/i.exec(url);
  if (match === null) return [url];
  const [, scheme = '', host = '', port, rest = ''] = match;
  const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  if (port === undefined) return [url, `${scheme}://${host}${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${scheme}://${host}${rest}`];
  return [url];
}

function firstValue(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  const rest = url.slice(url.indexOf(parsed.host) + parsed.host.length);
  return rest === '' ? '/' : rest;
}
