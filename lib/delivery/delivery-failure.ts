/**
 * A send that cannot succeed on retry (no address, a number the provider rejects, a 4xx from the
 * provider, Messenger outside its 24-hour window): the delivery fails at once with this reason.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentDeliveryError";
  }
}

/**
 * Whether retrying can help. Provider errors say so themselves (`retryable` on the SMS and Graph
 * API errors, an SMTP reply code: 5xx is permanent, 4xx temporary); anything else — a network
 * error, a database hiccup — is worth another attempt.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof PermanentDeliveryError) return true;
  const e = error as { retryable?: unknown; responseCode?: unknown } | null;
  if (typeof e?.retryable === "boolean") return !e.retryable;
  if (typeof e?.responseCode === "number") return e.responseCode >= 500 && e.responseCode < 600;
  return false;
}

/** The reason shown to agents: the provider's own words, one line, bounded. */
export function failureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim().slice(0, 500) || "The provider gave no reason.";
}
