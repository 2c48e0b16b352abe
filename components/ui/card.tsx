export function Card({ children, className = "", padded = true }: { children: React.ReactNode; className?: string; padded?: boolean }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white shadow-sm ${padded ? "p-6" : ""} ${className}`}>{children}</section>
  );
}
