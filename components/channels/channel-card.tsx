/** One channel on Settings → Channels: title, status line, body, and its recent changes. */
export function ChannelCard({
  title,
  status,
  connected,
  children,
  audit,
}: {
  title: string;
  status: string;
  connected: boolean;
  children: React.ReactNode;
  audit: React.ReactNode;
}) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-6 py-4">
        <h3 className="font-medium">{title}</h3>
        <p role="status" data-testid="channel-status" className={`text-sm ${connected ? "text-green-700" : "text-slate-500"}`}>
          <span aria-hidden className={`mr-1.5 inline-block h-2 w-2 rounded-full ${connected ? "bg-green-500" : "bg-slate-300"}`} />
          {status}
        </p>
      </header>
      <div className="space-y-5 px-6 py-5">{children}</div>
      <footer className="border-t border-slate-100 px-6 py-3">
        <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Recent changes</h4>
        {audit}
      </footer>
    </section>
  );
}
