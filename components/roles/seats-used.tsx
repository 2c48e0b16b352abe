import Link from "next/link";

/** "Seats used: X of Y" above the Roles list. */
export function SeatsUsed({ occupied, capacity, canBuySeats }: { occupied: number; capacity: number; canBuySeats: boolean }) {
  const full = occupied >= capacity;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-6 py-4 shadow-sm">
      <p className="text-sm text-slate-700" data-testid="seats-used">
        Seats used:{" "}
        <span className="font-semibold text-slate-900">
          {occupied} of {capacity}
        </span>
      </p>
      <p className="text-sm text-slate-500">
        {full ? "Every seat is taken: free one by changing an Agent's level" : `${capacity - occupied} free`}
        {full && canBuySeats ? (
          <>
            {" or "}
            <Link href="/settings/conversations/seats" className="font-medium text-brand-700 hover:underline">
              buy more in Manage Seats
            </Link>
          </>
        ) : null}
        .
      </p>
    </div>
  );
}
