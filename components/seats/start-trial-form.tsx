"use client";

import Link from "next/link";
import { useActionState } from "react";
import { startTrialAction, type SeatFormState } from "@/app/(dashboard)/settings/conversations/seats/actions";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

export function StartTrialForm({ canManage }: { canManage: boolean }) {
  const [state, action] = useActionState<SeatFormState, FormData>(startTrialAction, {});
  if (!canManage) return <Alert tone="info">Only the primary admin can start the trial or buy seats.</Alert>;
  return (
    <form action={action} className="space-y-3">
      {state.error ? <Alert>{state.error}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Starting…">Start Trial</SubmitButton>
        <Link href="/settings/conversations/seats?buy=1" className={buttonClass("secondary")}>
          Buy now
        </Link>
      </div>
    </form>
  );
}
