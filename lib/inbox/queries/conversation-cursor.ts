/**
 * Keyset cursor over (last_message_at, id) descending. The timestamp travels as PostgreSQL's
 * own text so its microseconds survive (a JS Date would cut them to milliseconds and skip rows).
 */
export function encodeCursor(lastMessageAtText: string, id: string) {
  return Buffer.from(JSON.stringify([lastMessageAtText, id])).toString("base64url");
}

export function decodeCursor(cursor: string): { at: string; id: string } | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      /^\d{4}-\d{2}-\d{2}[ T][0-9:.+-]+$/.test(value[0]) &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through: an unreadable cursor is bad input
  }
  return null;
}
