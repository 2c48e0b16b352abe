import { and, count, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { conversations, emailChannelSettings, invites, messengerPages, smsNumbers, users, webchatWidgets } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";

export type FirstRunStep = { key: "channel" | "team" | "agents"; label: string; done: boolean; href: string; hint: string };

const countOf = async (db: Db, query: Promise<{ n: number }[]>) => ((await query)[0]?.n ?? 0) > 0;

/**
 * The empty inbox's checklist for a new account's admins, each step ticked from real state:
 * a channel set up (web chat opened in Settings → Channels, an inbound address, a number or a
 * Page), someone else invited or joined, and at least one Agent.
 */
export async function firstRunChecklist({ db, actor }: { db: Db; actor: Actor }): Promise<FirstRunStep[]> {
  requirePermission(actor, "roles.view");
  const accountId = actor.accountId;
  const [widget, email, sms, messenger, teammates, invited, agents] = await Promise.all([
    countOf(db, db.select({ n: count() }).from(webchatWidgets).where(and(eq(webchatWidgets.accountId, accountId), eq(webchatWidgets.enabled, true)))),
    countOf(db, db.select({ n: count() }).from(emailChannelSettings).where(and(eq(emailChannelSettings.accountId, accountId), isNotNull(emailChannelSettings.inboundSlug)))),
    countOf(db, db.select({ n: count() }).from(smsNumbers).where(eq(smsNumbers.accountId, accountId))),
    countOf(db, db.select({ n: count() }).from(messengerPages).where(eq(messengerPages.accountId, accountId))),
    countOf(db, db.select({ n: count() }).from(users).where(and(eq(users.accountId, accountId), ne(users.id, actor.userId)))),
    countOf(db, db.select({ n: count() }).from(invites).where(and(eq(invites.accountId, accountId), isNull(invites.acceptedAt), sql`${invites.expiresAt} > now()`))),
    countOf(db, db.select({ n: count() }).from(users).where(and(eq(users.accountId, accountId), eq(users.accessLevel, "agent")))),
  ]);
  return [
    { key: "channel", label: "Connect a channel", done: widget || email || sms || messenger, href: "/settings/channels", hint: "Put web chat on your website, or forward your support email." },
    { key: "team", label: "Invite your team", done: teammates || invited, href: "/settings/team", hint: "Invite the people who will answer customers." },
    { key: "agents", label: "Make agents in Roles", done: agents, href: "/settings/conversations/roles", hint: "Agents answer conversations; each uses a seat." },
  ];
}

/** Whether the account has any conversation, open or complete. */
export async function hasAnyConversation({ db, accountId }: { db: Db; accountId: string }) {
  const [row] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.accountId, accountId)).limit(1);
  return !!row;
}
