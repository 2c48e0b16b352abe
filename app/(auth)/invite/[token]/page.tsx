import Link from "next/link";
import { getDb } from "@/db/client";
import { InviteForm } from "@/components/auth/invite-form";
import { findOpenInvite } from "@/lib/accounts/invites";

export const metadata = { title: "Join your team" };

const closedMessages = {
  unknown: "This invite link is not valid. Check the link or ask your admin for a new one.",
  expired: "This invite has expired. Ask your admin to send a new one.",
  used: "This invite has already been used.",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findOpenInvite({ db: await getDb(), token });
  if (invite.status !== "open") {
    return (
      <>
        <h1 className="text-xl font-semibold">Invite unavailable</h1>
        <p className="mt-3 text-sm text-slate-600">{closedMessages[invite.status]}</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:underline">
          Go to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold">Join your team</h1>
      <p className="mt-1 text-sm text-slate-600">
        Set a password for <span className="font-medium text-slate-800">{invite.email}</span>.
      </p>
      <div className="mt-6">
        <InviteForm token={token} />
      </div>
    </>
  );
}
