import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/lib/auth/current-actor";

export const metadata = { title: "Inbox" };

export default async function InboxPage() {
  const actor = await requireActor();
  if (!can(actor, "inbox.view")) {
    return (
      <div className="px-4 py-16">
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
  return (
    <div className="px-4 py-16">
      <EmptyState title="No conversations yet">
        When a customer writes in through web chat, email, Messenger or SMS, the conversation appears here.
      </EmptyState>
    </div>
  );
}
