import type { HttpSettings, SettingsProvider } from '../settings/runtime-settings';

/**
 * The settings of one request, read from the provider on first use and then the same for the
 * rest of the request. Nothing is read until a step awaits them, so a request whose answer does
 * not depend on them (no `Origin`, no conditional change without `If-Match`) never waits for
 * the read the composition root started at init.
 */
export function requestSettings(provider: SettingsProvider): () => Promise<HttpSettings> {
  let read: Promise<HttpSettings> | undefined;
  return () => (read ??= provider.get());
}
