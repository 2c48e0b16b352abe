import { CopyButton } from "./copy-button";

/** A value to paste elsewhere (a webhook URL, a token), with its label and a Copy button. */
export function CopyableValue({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code data-testid={testId} aria-label={label} className="min-w-0 flex-1 break-all rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-800">
          {value}
        </code>
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
