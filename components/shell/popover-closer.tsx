"use client";

import { useEffect } from "react";

/** Closes the header's open `<details data-popover>` menus on Escape and on a click outside them. */
export function PopoverCloser() {
  useEffect(() => {
    const openMenus = () => Array.from(document.querySelectorAll<HTMLDetailsElement>("details[data-popover][open]"));
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      for (const menu of openMenus()) {
        menu.open = false;
        menu.querySelector("summary")?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      for (const menu of openMenus()) if (!menu.contains(e.target as Node)) menu.open = false;
    };
    window.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, []);
  return null;
}
