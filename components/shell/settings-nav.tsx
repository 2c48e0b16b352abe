"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function SettingsNav({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-2 text-sm ${active ? "bg-white font-medium text-brand-700 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:bg-white"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
