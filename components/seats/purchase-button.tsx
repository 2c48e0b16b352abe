import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** "Purchase": shown on the inbox and settings pages during and after the trial; leads to the purchase page. */
export function PurchaseButton({ className = "" }: { className?: string }) {
  return (
    <Link href="/settings/conversations/seats?buy=1" className={buttonClass("primary", className)}>
      Purchase
    </Link>
  );
}
