/** The bell's badge: the true unread count up to 99, then "99+"; nothing when there is none. */
export function badgeLabel(unread: number): string | null {
  if (!Number.isFinite(unread) || unread <= 0) return null;
  return unread > 99 ? "99+" : String(Math.floor(unread));
}
