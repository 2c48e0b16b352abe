import { getDb } from "@/db/client";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/lib/auth/current-actor";
import { seatSummary } from "@/lib/seats/capacity";

export const metadata = { title: "Manage Seats" };

export default async function SeatsPage() {
  const actor = await requireActor();
  if (!can(actor, "seats.view")) {
    return <EmptyState title="Only admins can see seats">Ask an admin of your account for help with seats.</EmptyState>;
  }
  const seats = await seatSummary({ db: await getDb(), accountId: actor.accountId });
  return (
    <Card>
      <p className="text-sm text-slate-600">Seats used</p>
      <p className="mt-1 text-3xl font-semibold">
        {seats.occupied} <span className="text-lg font-normal text-slate-500">of {seats.capacity}</span>
      </p>
    </Card>
  );
}
