export function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

export function Avatar({ name, kind = "person" }: { name: string; kind?: "person" | "contact" | "bot" }) {
  if (kind === "bot") {
    return (
      <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-violet-100 text-violet-700" title="Bot" aria-label="Bot" data-avatar="bot">
        <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8}>
          <rect x="5" y="8" width="14" height="11" rx="3" />
          <path d="M12 4v4M9 13h.01M15 13h.01M9.5 16h5" strokeLinecap="round" />
        </svg>
      </span>
    );
  }
  const color = kind === "contact" ? "bg-slate-200 text-slate-700" : "bg-brand-100 text-brand-700";
  return (
    <span className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${color}`} title={name} data-avatar={kind}>
      {initials(name)}
    </span>
  );
}
