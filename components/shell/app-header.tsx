import Link from "next/link";
import { signOutAction } from "@/app/(dashboard)/actions";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { PopoverCloser } from "./popover-closer";

export function AppHeader({
  user,
  showInbox,
  showAnalytics = false,
  showSettings,
  inboxBadge,
  bell,
  status,
}: {
  user: { name: string; email: string; accountName: string };
  showInbox: boolean;
  showAnalytics?: boolean;
  showSettings: boolean;
  /** The "something new" dot on the Inbox item and the notifications bell (inbox feature). */
  inboxBadge?: React.ReactNode;
  bell?: React.ReactNode;
  /** The agent's "Available" / "Away" status (automatic assignment). */
  status?: React.ReactNode;
}) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white">
      <PopoverCloser />
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:gap-4 sm:px-4">
        <Link href="/inbox" aria-label="Conversations home" className="hidden shrink-0 sm:block">
          <Logo compact />
        </Link>
        <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 sm:gap-1">
          {showInbox ? (
            <NavLink href="/inbox">
              Inbox
              {inboxBadge}
            </NavLink>
          ) : null}
          {showAnalytics ? <NavLink href="/analytics">Analytics</NavLink> : null}
          {showSettings ? <NavLink href="/settings">Settings</NavLink> : null}
        </nav>
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          {status}
          {bell}
          <span className="hidden text-sm text-slate-500 sm:inline">{user.accountName}</span>
          <details className="relative" data-popover>
            <summary
              className="flex cursor-pointer list-none items-center gap-2 rounded-full p-0.5 hover:bg-slate-100"
              aria-label={`User menu, ${initials(user.name)}`}
            >
              <span className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700">
                {initials(user.name)}
              </span>
            </summary>
            <div className="absolute right-0 mt-2 w-60 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
              <div className="px-2 py-1.5">
                <p className="truncate text-sm font-medium">{user.name}</p>
                <p className="truncate text-xs text-slate-500">{user.email}</p>
                <p className="truncate text-xs text-slate-500">{user.accountName}</p>
              </div>
              <form action={signOutAction} className="border-t border-slate-100 pt-1">
                <button type="submit" className="w-full rounded-md px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100">
                  Sign out
                </button>
              </form>
            </div>
          </details>
        </div>
      </div>
    </header>
  );
}

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}
