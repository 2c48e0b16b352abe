/**
 * The one permission table of SPEC §2–§3: (access level × admin × primary admin) → permissions.
 * Every command and route checks it on the server through `can` / `requirePermission`.
 */
export type AccessLevel = "none" | "viewer" | "agent";

export type Actor = {
  userId: string;
  accountId: string;
  accessLevel: AccessLevel;
  isAdmin: boolean;
  isPrimaryAdmin: boolean;
};

export const permissions = [
  "inbox.view",
  "inbox.reply",
  "inbox.writeNote",
  "inbox.assign",
  "inbox.beAssigned",
  "inbox.tag",
  "inbox.complete",
  "inbox.markRead",
  "inbox.reassignAny",
  "inbox.viewStatusMessages",
  "inbox.startConversation",
  "contacts.edit",
  "savedResponses.use",
  "savedResponses.manage",
  "notifications.receive",
  "analytics.viewOwn",
  "analytics.viewTeam",
  "users.invite",
  "roles.view",
  "roles.manage",
  "seats.view",
  "seats.purchase",
  "seats.remove",
  "billing.view",
  "channels.manage",
  "assignment.manage",
  "groups.manage",
  "settings.receiveEvents",
] as const;

export type Permission = (typeof permissions)[number];

const byAccessLevel: Record<AccessLevel, readonly Permission[]> = {
  none: [],
  viewer: ["inbox.view"],
  agent: [
    "inbox.view",
    "inbox.reply",
    // Private notes: viewers read them in the thread; only agents write them.
    "inbox.writeNote",
    "inbox.assign",
    "inbox.beAssigned",
    "inbox.tag",
    "inbox.complete",
    // Read state is shared among agents (SPEC §4): a viewer opening a thread leaves it unread.
    "inbox.markRead",
    // Status messages are shown only to agents, never to viewers or contacts (SPEC §5).
    "inbox.viewStatusMessages",
    "inbox.startConversation",
    "contacts.edit",
    "savedResponses.use",
    "notifications.receive",
    "analytics.viewOwn",
  ],
};

const forAdmins: readonly Permission[] = [
  "savedResponses.manage",
  "users.invite",
  "roles.view",
  "roles.manage",
  "seats.view",
  "billing.view",
  "channels.manage",
  // Settings → Conversations → "Assignment": automatic assignment mode, cap, away delay, group per channel.
  "assignment.manage",
  // Settings → Team: groups and their members (the Admin group's members are the admins, SPEC §1).
  "groups.manage",
  // Live Settings pages (the admins' realtime channel): settings events only, never inbox data.
  "settings.receiveEvents",
];

const forPrimaryAdmin: readonly Permission[] = ["seats.purchase", "seats.remove"];

export function permissionsOf(actor: Pick<Actor, "accessLevel" | "isAdmin" | "isPrimaryAdmin">): Set<Permission> {
  const granted = new Set<Permission>(byAccessLevel[actor.accessLevel]);
  // The primary admin is an admin (SPEC §1), whatever the groups say.
  if (actor.isAdmin || actor.isPrimaryAdmin) forAdmins.forEach((p) => granted.add(p));
  if (actor.isPrimaryAdmin) forPrimaryAdmin.forEach((p) => granted.add(p));
  // "The owner (or an admin) can reassign" (SPEC §5) — an admin acting in the inbox, i.e. as an Agent.
  if ((actor.isAdmin || actor.isPrimaryAdmin) && actor.accessLevel === "agent") granted.add("inbox.reassignAny");
  // Team figures are Conversations data: an admin at "No access" sees none of it (SPEC §2).
  if ((actor.isAdmin || actor.isPrimaryAdmin) && actor.accessLevel !== "none") granted.add("analytics.viewTeam");
  return granted;
}

export function can(actor: Actor | null | undefined, permission: Permission): actor is Actor {
  return !!actor && permissionsOf(actor).has(permission);
}

export class ForbiddenError extends Error {
  constructor(readonly permission: Permission) {
    super(`You do not have permission to do this (${permission}).`);
    this.name = "ForbiddenError";
  }
}

export function requirePermission(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!can(actor, permission)) throw new ForbiddenError(permission);
}
