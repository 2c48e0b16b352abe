"use client";

import { useFormStatus } from "react-dom";
import { Button } from "./button";

/** A form's submit button that shows progress while the action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant,
  className,
  disabled = false,
}: {
  children: React.ReactNode;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  /** Not ready to submit yet (e.g. files still uploading). */
  disabled?: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending} variant={variant} className={className}>
      {pending ? pendingLabel : children}
    </Button>
  );
}
