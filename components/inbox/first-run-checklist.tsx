import Link from "next/link";
import type { FirstRunStep } from "@/lib/accounts/first-run";

/** The empty inbox of a new account: what to do first, ticked from the account's real state. */
export function FirstRunChecklist({ steps }: { steps: FirstRunStep[] }) {
  return (
    <section aria-label="Get started" className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold">Get started</h2>
      <p className="mt-1 text-sm text-slate-600">No conversations yet. Three steps and your customers can reach you here.</p>
      <ol className="mt-4 space-y-3">
        {steps.map((step) => (
          <li key={step.key} className="flex items-start gap-3" data-done={step.done ? "true" : "false"}>
            <span
              aria-hidden
              className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs ${step.done ? "bg-green-600 text-white" : "border border-slate-300 text-transparent"}`}
            >
              ✓
            </span>
            <span className="text-sm">
              <Link href={step.href} className={`font-medium ${step.done ? "text-slate-500 line-through" : "text-brand-700 hover:underline"}`}>
                {step.label}
              </Link>
              <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              <span className="block text-slate-500">{step.hint}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
