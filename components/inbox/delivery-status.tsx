"use client";

import { useState, useTransition } from "react";
import { retryDeliveryAction } from "@/app/(dashboard)/inbox/actions";
import type { ThreadMessage } from "@/lib/inbox/queries/get-thread";

/**
 * An outbound message's delivery, live (the thread refetches on `message.deliveryChanged`):
 * "Sending…", "Sent", or "Not delivered — <the provider's reason>" with "Retry" for agents
 * (the server checks the permission again).
 */
export function DeliveryStatus({ messageId, delivery, canRetry }: { messageId: number; delivery: ThreadMessage["delivery"]; canRetry: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!delivery) return null;
  if (delivery.status === "sent") {
    return (
      <span data-delivery="sent" className="text-slate-500">
        {" · Sent"}
      </span>
    );
  }
  if (delivery.status === "pending" || pending) {
    return (
      <span data-delivery="pending" className="text-slate-500" title={delivery.error ? `Last attempt: ${delivery.error}` : undefined}>
        {" · Sending…"}
      </span>
    );
  }
  return (
    <span data-delivery="failed" className="text-red-700">
      {" · "}
      <span role="status">Not delivered — {delivery.error ?? "the provider refused it."}</span>
      {canRetry ? (
        <button
          type="button"
          className="ml-1.5 rounded border border-red-300 bg-white px-1.5 py-0.5 text-[11px] font-medium text-red-700 hover:bg-red-50"
          onClick={() =>
            start(async () => {
              const result = await retryDeliveryAction({ messageId });
              setError(result.error ?? null);
            })
          }
        >
          Retry
        </button>
      ) : null}
      {error ? (
        <span className="ml-1.5" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
