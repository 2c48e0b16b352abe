import { can, type Actor } from "@/lib/access/permissions";

/** What the viewer may do in an open conversation: computed on the server, shown by the thread view. */
export type ThreadAbilities = {
  /** The composer is shown (Agents); otherwise a view-only note. */
  canReply: boolean;
  /** The composer's "Note" tab (agents). */
  canWriteNote: boolean;
  /** The "Agent" dropdown is shown; otherwise the assignee's name. */
  canAssign: boolean;
  /** The dropdown can be used now: see `mayReassign`, and the conversation is open. */
  canChangeAssignee: boolean;
  /** "Complete" is offered: the conversation is open. */
  canComplete: boolean;
  canTag: boolean;
  /** Opening the thread marks it Read for everyone (SPEC §4: agents only). */
  canMarkRead: boolean;
  canEditContact: boolean;
};

/**
 * Who may move a conversation away from its current assignee (SPEC §5): anyone who assigns when it
 * is Unassigned; else only its owner or an admin.
 */
export function mayReassign(actor: Actor, currentAssigneeId: string | null) {
  return currentAssigneeId === null || currentAssigneeId === actor.userId || can(actor, "inbox.reassignAny");
}

export function threadAbilities(actor: Actor, conversation: { status: "open" | "complete"; assigneeId: string | null }): ThreadAbilities {
  const open = conversation.status === "open";
  const canAssign = can(actor, "inbox.assign");
  return {
    canReply: can(actor, "inbox.reply"),
    canWriteNote: can(actor, "inbox.writeNote"),
    canAssign,
    canChangeAssignee: canAssign && open && mayReassign(actor, conversation.assigneeId),
    canComplete: can(actor, "inbox.complete") && open,
    canTag: can(actor, "inbox.tag"),
    canMarkRead: can(actor, "inbox.markRead"),
    canEditContact: can(actor, "contacts.edit"),
  };
}
