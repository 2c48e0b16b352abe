/**
 * Stripe's proration rule, to the second: a line for `quantity` seats over the rest of the
 * period costs unitAmount × quantity × (periodEnd − at) ÷ (periodEnd − periodStart), rounded to
 * the cent. Times are Unix seconds; the period is [periodStart, periodEnd).
 */
export type ProrationInput = {
  unitAmount: number;
  quantity: number;
  periodStart: number;
  periodEnd: number;
  at: number;
};

export function prorate({ unitAmount, quantity, periodStart, periodEnd, at }: ProrationInput): number {
  if (!Number.isInteger(unitAmount) || !Number.isInteger(quantity)) throw new Error("Amounts and quantities are integers.");
  if (!(periodEnd > periodStart)) throw new Error("A billing period must have a positive length.");
  if (at < periodStart || at >= periodEnd) throw new Error("The proration instant must lie inside the current period.");
  return roundHalfAwayFromZero((unitAmount * quantity * (periodEnd - at)) / (periodEnd - periodStart));
}

function roundHalfAwayFromZero(x: number) {
  return Math.sign(x) * Math.round(Math.abs(x));
}

export type ProrationLine = { description: string; quantity: number; amount: number };

/**
 * The lines Stripe invoices for a quantity change under proration: a credit for the unused time
 * on the old quantity and a charge for the remaining time on the new one, each rounded to the
 * cent. Their sum is price × seats added × time left ÷ period length, within a cent of rounding.
 */
export function quantityChangeProration({
  unitAmount,
  fromQuantity,
  toQuantity,
  periodStart,
  periodEnd,
  at,
}: Omit<ProrationInput, "quantity"> & { fromQuantity: number; toQuantity: number }) {
  const period = { unitAmount, periodStart, periodEnd, at };
  const lines: ProrationLine[] = [];
  if (fromQuantity > 0) {
    lines.push({
      description: `Unused time on ${fromQuantity} × seat`,
      quantity: fromQuantity,
      amount: -prorate({ ...period, quantity: fromQuantity }),
    });
  }
  if (toQuantity > 0) {
    lines.push({
      description: `Remaining time on ${toQuantity} × seat`,
      quantity: toQuantity,
      amount: prorate({ ...period, quantity: toQuantity }),
    });
  }
  return { lines, total: lines.reduce((sum, l) => sum + l.amount, 0) };
}
