import Link from "next/link";
import { getDb } from "@/db/client";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { InboxCommands } from "@/components/inbox/inbox-commands";
import { AssignmentFilter } from "@/components/inbox/assignment-filter";
import { ConversationList } from "@/components/inbox/conversation-list";
import { NewConversation } from "@/components/inbox/new-conversation";
import { ThreadView } from "@/components/inbox/thread-view";
import { InboxPresence } from "@/components/inbox/inbox-presence";
import { InboxBillingNotice } from "@/components/seats/inbox-billing-notice";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { getThread } from "@/lib/inbox/queries/get-thread";
import { listAgentGroups, listAssignableAgents, listTags } from "@/lib/inbox/queries/inbox-directory";
import { listConversations, type ListConversationsInput } from "@/lib/inbox/queries/list-conversations";
import { listSavedResponses } from "@/lib/inbox/saved-responses/list-saved-responses";
import { accountHasSmsNumber } from "@/lib/message-channels/sms-numbers";
import { firstRunChecklist, hasAnyConversation } from "@/lib/accounts/first-run";
import { FirstRunChecklist } from "@/components/inbox/first-run-checklist";
import { RefreshOnEvents } from "@/components/realtime/refresh-on-events";

export const metadata = { title: "Inbox" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const uuid = /^[0-9a-f-]{36}$/i;

/** The URL's filter (?status, ?a=unassigned,mine,agent:<id>,group:<id>, ?tag, ?q) as list input. */
function filterOf(search: Search): ListConversationsInput {
  const picks = one(search.a).split(",").filter(Boolean);
  const ids = (prefix: string) => picks.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)).filter((id) => uuid.test(id));
  const tag = one(search.tag);
  const q = one(search.q).trim().slice(0, 200);
  return {
    status: one(search.status) === "complete" ? "complete" : "open",
    assignment: picks.length
      ? { unassigned: picks.includes("unassigned"), mine: picks.includes("mine"), agentIds: ids("agent:"), groupIds: ids("group:") }
      : undefined,
    tagId: uuid.test(tag) ? tag : undefined,
    search: q || undefined,
  };
}

export default async function InboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  if (!can(actor, "inbox.view")) {
    return (
      <div className="space-y-12 px-4 py-6">
        {can(actor, "billing.view") ? <InboxBillingNotice db={await getDb()} actor={actor} /> : null}
        {can(actor, "roles.manage") ? (
          <EmptyState
            title="You don't have access to Conversations yet"
            action={
              <Link href="/settings/conversations/roles" className={buttonClass()}>
                Open Roles
              </Link>
            }
          >
            As an admin you can give yourself and your team Viewer or Agent access in Settings → Conversations → Roles.
          </EmptyState>
        ) : (
          <EmptyState title="You don't have access to Conversations">
            Ask an admin of your account to give you Viewer or Agent access in Settings → Conversations → Roles.
          </EmptyState>
        )}
      </div>
    );
  }

  const search = await searchParams;
  const filter = filterOf(search);
  const selectedId = uuid.test(one(search.c)) ? one(search.c) : null;
  const db = await getDb();
  const [page, agents, groups, tags, thread, savedResponses] = await Promise.all([
    listConversations({ db, actor, input: filter }),
    listAssignableAgents({ db, actor }),
    listAgentGroups({ db, actor }),
    listTags({ db, actor }),
    selectedId ? getThread({ db, actor, conversationId: selectedId }) : null,
    can(actor, "savedResponses.use") ? listSavedResponses({ db, actor }) : [],
  ]);
  const rows = page.ok ? page.value : { rows: [], nextCursor: null };
  const tab = (status: "open" | "complete") => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(search)) if (k !== "c" && k !== "status" && typeof v === "string") next.set(k, v);
    next.set("status", status);
    return `/inbox?${next.toString()}`;
  };
  const notice = await InboxBillingNotice({ db, actor });
  // A new account's empty inbox (no conversation at all, nothing filtered): the admin's first-run checklist.
  const emptyAccount = !selectedId && rows.rows.length === 0 && !filter.search && !filter.tagId && !filter.assignment && filter.status === "open";
  const checklist = emptyAccount && can(actor, "roles.view") && !(await hasAnyConversation({ db, accountId: actor.accountId })) ? await firstRunChecklist({ db, actor }) : null;

  return (
    // The inbox fills the window under the header (56 px + its 1 px border) and never scrolls the page: each pane scrolls itself.
    // Below 768 px it is a stack: the list, or (with ?c=) the thread with a back link.
    <div className="flex h-[calc(100dvh-57px)] min-h-0 flex-col overflow-hidden">
      <InboxPresence accountId={actor.accountId} />
      {notice ? <div className="border-b border-slate-200 bg-white p-2">{notice}</div> : null}
      <div className="flex min-h-0 min-w-0 flex-1">
      <aside
        className={`${selectedId ? "hidden md:flex" : "flex"} w-full min-w-0 shrink-0 flex-col border-r border-slate-200 bg-white md:w-80`}
        aria-label="Inbox"
      >
        <div className="space-y-2 border-b border-slate-200 p-3">
          <div className="flex items-center gap-2">
            <nav className="flex rounded-md bg-slate-100 p-0.5 text-sm" aria-label="Status">
              {(["open", "complete"] as const).map((s) => (
                <Link
                  key={s}
                  href={tab(s)}
                  aria-current={filter.status === s ? "page" : undefined}
                  className={`rounded px-2.5 py-1 ${filter.status === s ? "bg-white font-medium shadow-sm" : "text-slate-600"}`}
                >
                  {s === "open" ? "Open" : "Complete"}
                </Link>
              ))}
            </nav>
            <AssignmentFilter agents={agents} groups={groups.map(({ id, name }) => ({ id, name }))} />
          </div>
          <form action="/inbox" className="flex gap-1.5" role="search">
            <input type="hidden" name="status" value={filter.status} />
            {one(search.a) ? <input type="hidden" name="a" value={one(search.a)} /> : null}
            <input
              name="q"
              defaultValue={filter.search ?? ""}
              placeholder="Search contact, text or tag"
              aria-label="Search conversations"
              data-shortcut="search"
              className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <select name="tag" defaultValue={filter.tagId ?? ""} aria-label="Tag" className="w-20 rounded-md border border-slate-300 px-1 py-1 text-sm">
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <button type="submit" className="rounded-md border border-slate-300 px-2 text-sm hover:bg-slate-50">
              Search
            </button>
          </form>
          <div className="flex items-center justify-between">
            {can(actor, "inbox.startConversation") ? <NewConversation accountHasSmsNumber={await accountHasSmsNumber({ db: await getDb(), accountId: actor.accountId })} /> : <span className="text-xs text-slate-500">View only</span>}
            <div className="flex items-center gap-2">
              <InboxCommands agents={agents} savedResponses={savedResponses} canAssign={can(actor, "inbox.assign")} />
              <Link href="/inbox/contacts" className="text-sm text-brand-700 hover:underline">
                Contacts
              </Link>
            </div>
          </div>
        </div>
        <div className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain" data-testid="conversation-scroller">
          <ConversationList
            key={JSON.stringify(filter)}
            initialRows={rows.rows}
            initialCursor={rows.nextCursor}
            filter={filter}
            selectedId={selectedId}
            meId={actor.userId}
            groupMembers={Object.fromEntries(groups.map((g) => [g.id, g.memberIds]))}
          />
        </div>
      </aside>
      {thread ? (
        <ThreadView
          key={thread.conversation.id}
          initialThread={thread}
          agents={agents}
          groups={groups.map(({ id, name }) => ({ id, name }))}
          savedResponses={savedResponses}
          focusMessageId={/^\d{1,15}$/.test(one(search.m)) ? Number(one(search.m)) : null}
          meId={actor.userId}
          backHref={tab(filter.status ?? "open")}
        />
      ) : checklist ? (
        <div className="flex flex-1 items-center justify-center p-8">
          <FirstRunChecklist steps={checklist} />
          {/* The first conversation arriving live ends the first run: the page re-renders without the checklist. */}
          <RefreshOnEvents types={["conversation.changed", "message.created"]} />
        </div>
      ) : (
        <div className={`${selectedId ? "flex" : "hidden md:flex"} min-w-0 flex-1 items-center justify-center p-8`}>
          <EmptyState title={selectedId ? "Conversation not found" : "Pick a conversation"}>
            {selectedId ? "It may belong to another account or no longer exist." : "Choose a conversation on the left to read and answer it."}
          </EmptyState>
        </div>
      )}
      </div>
    </div>
  );
}
