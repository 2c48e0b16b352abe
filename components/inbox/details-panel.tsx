"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * The thread's contact and tags. From 1024 px a column beside the thread; below, a slide-over
 * drawer opened with the header's "Contact" button, closed with its ✕, Escape or the backdrop.
 */
export function DetailsPanel({ open, onClose, children }: { open: boolean; onClose: () => void; children: ReactNode }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, onClose]);
  return (
    <>
      {open ? <div className="fixed inset-0 z-30 bg-slate-900/30 lg:hidden" aria-hidden="true" onClick={onClose} /> : null}
      <aside
        ref={panel}
        tabIndex={-1}
        aria-label="Details"
        data-open={open ? "true" : "false"}
        className={`${open ? "fixed inset-y-0 right-0 z-40 block w-full max-w-sm shadow-xl" : "hidden"} space-y-4 overflow-y-auto border-l border-slate-200 bg-white p-4 outline-none lg:static lg:z-auto lg:block lg:w-72 lg:max-w-none lg:shrink-0 lg:shadow-none`}
      >
        <div className="flex justify-end lg:hidden">
          <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" aria-label="Close details">
            ✕
          </button>
        </div>
        {children}
      </aside>
    </>
  );
}
