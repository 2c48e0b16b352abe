/**
 * The local SMS provider can be told to refuse an account's texts, the way the local billing
 * provider's test card can be set to decline — so "Not delivered" and Retry can be tried without
 * a real provider. Set only through the E2E hook (404 unless E2E_TEST_HOOKS=1) and in tests.
 * Kept on globalThis: the route that sets it and the job runner that reads it share one process.
 */
const holder = globalThis as unknown as { __localSmsFaults?: Map<string, string> };
const faults = () => (holder.__localSmsFaults ??= new Map());

export function setLocalSmsRefusal(accountId: string, reason: string | null) {
  if (reason) faults().set(accountId, reason);
  else faults().delete(accountId);
}

/** The reason the local provider refuses this account's texts with, or null when it sends them. */
export function localSmsRefusal(accountId: string): string | null {
  return faults().get(accountId) ?? null;
}
