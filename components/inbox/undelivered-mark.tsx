/** In the conversation list: the latest message of this conversation was not delivered. */
export function UndeliveredMark() {
  return (
    <span data-undelivered className="mr-1 inline-block rounded bg-red-50 px-1 text-[10px] font-semibold uppercase tracking-wide text-red-700 ring-1 ring-red-200">
      Not delivered
    </span>
  );
}
