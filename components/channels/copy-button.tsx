"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies a text (a snippet, a webhook URL) to the clipboard and says so. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <Button
      type="button"
      variant="secondary"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied("yes");
        } catch {
          setCopied("failed");
        }
        setTimeout(() => setCopied(null), 2000);
      }}
    >
      {copied === "yes" ? "Copied" : copied === "failed" ? "Select and copy it" : "Copy"}
    </Button>
  );
}
