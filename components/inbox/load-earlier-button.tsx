"use client";

/** The top of a long thread: "Load earlier messages", or where it begins. */
export function LoadEarlierButton({ hasEarlier, loading, error, onLoad }: { hasEarlier: boolean; loading: boolean; error: string | null; onLoad: () => void }) {
  if (!hasEarlier) return null;
  return (
    <li className="text-center">
      <button
        type="button"
        onClick={onLoad}
        disabled={loading}
        className="rounded-full border border-slate-300 bg-white px-3 py-1 text-xs text-slate-700 hover:bg-slate-100 disabled:opacity-60"
      >
        {loading ? "Loading…" : "Load earlier messages"}
      </button>
      {error ? (
        <p className="mt-1 text-xs text-red-600" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
