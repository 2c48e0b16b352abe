"use client";

import { Command } from "cmdk";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { assignAction } from "@/app/(dashboard)/inbox/actions";
import { GENERAL_KEYS, neighbour, SHORTCUTS, shortcutFor, type ShortcutAction } from "@/lib/inbox/keyboard/shortcuts";
import type { SavedResponseCategory } from "@/lib/inbox/saved-responses/list-saved-responses";

type Mode = "main" | "assign" | "saved";
type Row = { id: string; number: string; name: string; href: string };

/** Events the thread's components answer (kept in one place). */
export const INSERT_TEXT_EVENT = "inbox:insert-text";
export const OPEN_DETAILS_EVENT = "inbox:open-details";

function listedConversations(): (Row & { link: HTMLAnchorElement })[] {
  return Array.from(document.querySelectorAll<HTMLAnchorElement>("a[data-conversation-id]")).map((link) => ({
    link,
    id: link.dataset.conversationId!,
    number: link.dataset.conversation ?? "",
    name: link.dataset.name ?? "",
    href: link.getAttribute("href") ?? "",
  }));
}

const visible = (el: HTMLElement | null): el is HTMLElement => !!el && el.getClientRects().length > 0;

/**
 * The inbox's keyboard layer: single-key shortcuts (never while typing in a field), the "?" help,
 * and the Ctrl/⌘+K command palette (cmdk) to jump to a conversation by number or contact, switch
 * filters, assign (type-ahead over agents) and insert a saved response (type-ahead).
 */
export function InboxCommands({ agents, savedResponses, canAssign }: { agents: { id: string; name: string }[]; savedResponses: SavedResponseCategory[]; canAssign: boolean }) {
  const router = useRouter();
  const params = useSearchParams();
  const conversationId = params.get("c");
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>("main");
  const [rows, setRows] = useState<Row[]>([]);
  const [query, setQuery] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const help = useRef<HTMLDialogElement>(null);

  function openPalette(next: Mode) {
    setRows(listedConversations());
    setMode(next);
    setQuery("");
    setMessage(null);
    setOpen(true);
  }

  function run(action: ShortcutAction) {
    switch (action) {
      case "next":
      case "previous": {
        const listed = listedConversations();
        const target = neighbour(listed.map((r) => r.id), conversationId, action === "next" ? 1 : -1);
        const link = listed.find((r) => r.id === target)?.link;
        link?.scrollIntoView({ block: "nearest" });
        link?.click();
        return;
      }
      case "reply":
        document.querySelector<HTMLTextAreaElement>("[data-composer-input]")?.focus();
        return;
      case "complete":
        document.querySelector<HTMLButtonElement>('[data-shortcut="complete"]:not(:disabled)')?.click();
        return;
      case "tag": {
        const input = document.querySelector<HTMLInputElement>('[data-shortcut="tag"]');
        if (!input) return;
        if (!visible(input)) window.dispatchEvent(new Event(OPEN_DETAILS_EVENT));
        requestAnimationFrame(() => input.focus());
        return;
      }
      case "search":
        document.querySelector<HTMLInputElement>('[data-shortcut="search"]')?.focus();
        return;
      case "assign":
        if (conversationId && canAssign) openPalette("assign");
        return;
      case "savedResponses":
        if (document.querySelector("[data-composer-input]")) openPalette("saved");
        return;
      case "palette":
        if (open) setOpen(false);
        else openPalette("main");
        return;
      case "help":
        if (help.current?.open) help.current.close();
        else help.current?.showModal();
        return;
    }
  }

  const latestRun = useRef(run);
  useEffect(() => {
    latestRun.current = run;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(event, event.target as HTMLElement | null);
      if (!action) return;
      // Single-key shortcuts wait while a dialog (the palette, the help, a form dialog) is open.
      if (action !== "palette" && action !== "help" && document.querySelector("dialog[open], [role=dialog][data-state=open]")) return;
      event.preventDefault();
      latestRun.current(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const go = (href: string) => {
    setOpen(false);
    router.push(href);
  };
  const filterHref = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    next.delete("c");
    for (const [k, v] of Object.entries(changes)) (v === null ? next.delete(k) : next.set(k, v));
    return `/inbox?${next.toString()}`;
  };
  async function assign(assigneeId: string | null) {
    if (!conversationId) return;
    const result = await assignAction({ conversationId, assigneeId });
    if (result.error) setMessage(result.error);
    else setOpen(false);
  }
  function insert(text: string) {
    setOpen(false);
    window.dispatchEvent(new CustomEvent(INSERT_TEXT_EVENT, { detail: text }));
  }

  const item = "flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm aria-selected:bg-brand-50 aria-selected:text-brand-700";
  const heading = "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:text-slate-500";
  const placeholder = mode === "assign" ? "Assign to… (type a name)" : mode === "saved" ? "Insert a saved response… (type to filter)" : "Jump to #number or contact, or run a command…";

  return (
    <>
      <button type="button" onClick={() => help.current?.showModal()} className="rounded-md px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-100" aria-keyshortcuts="?">
        Shortcuts <kbd className="rounded border border-slate-300 px-1">?</kbd>
      </button>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label={mode === "assign" ? "Assign to an agent" : mode === "saved" ? "Saved responses" : "Command palette"}
        overlayClassName="fixed inset-0 z-40 bg-slate-900/30"
        contentClassName="fixed left-1/2 top-[12vh] z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl"
      >
        <Command.Input
          value={query}
          onValueChange={setQuery}
          placeholder={placeholder}
          aria-label={placeholder}
          className="w-full border-b border-slate-200 px-4 py-3 text-sm outline-none"
        />
        {message ? (
          <p role="alert" className="px-4 py-2 text-sm text-red-600">
            {message}
          </p>
        ) : null}
        <Command.List className={`max-h-[50vh] overflow-y-auto p-2 ${heading}`}>
          <Command.Empty className="px-3 py-6 text-center text-sm text-slate-500">
            {mode === "main" ? "Nothing matches. Press Enter on “Search all conversations” or try a number." : "Nothing matches."}
          </Command.Empty>
          {mode === "assign" ? (
            <Command.Group heading="Assign to">
              <Command.Item value="Unassigned" onSelect={() => void assign(null)} className={item}>
                Unassigned
              </Command.Item>
              {agents.map((a) => (
                <Command.Item key={a.id} value={a.name} onSelect={() => void assign(a.id)} className={item}>
                  {a.name}
                </Command.Item>
              ))}
            </Command.Group>
          ) : mode === "saved" ? (
            savedResponses.length === 0 ? (
              <p className="px-3 py-6 text-center text-sm text-slate-500">No saved responses yet. Admins can add them in Settings → Saved Responses.</p>
            ) : (
              savedResponses.map((c) => (
                <Command.Group key={c.id} heading={c.name}>
                  {c.responses.map((r) => (
                    <Command.Item key={r.id} value={`${c.name} ${r.title} ${r.body}`} onSelect={() => insert(r.body)} className={`${item} flex-col items-start gap-0`}>
                      <span className="font-medium">{r.title}</span>
                      <span className="w-full truncate text-xs text-slate-500">{r.body}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              ))
            )
          ) : (
            <>
              {rows.length > 0 ? (
                <Command.Group heading="Conversations">
                  {rows.map((r) => (
                    <Command.Item key={r.id} value={`#${r.number} ${r.name}`} onSelect={() => go(r.href)} className={item}>
                      <span className="text-slate-500">#{r.number}</span> {r.name}
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
              {query.trim() ? (
                <Command.Group heading="Search">
                  <Command.Item value={`search ${query}`} forceMount onSelect={() => go(filterHref({ q: query.trim() }))} className={item}>
                    Search all conversations for “{query.trim()}”
                  </Command.Item>
                </Command.Group>
              ) : null}
              <Command.Group heading="Filters">
                <Command.Item onSelect={() => go(filterHref({ status: "open" }))} className={item}>Show Open</Command.Item>
                <Command.Item onSelect={() => go(filterHref({ status: "complete" }))} className={item}>Show Complete</Command.Item>
                <Command.Item onSelect={() => go(filterHref({ a: "mine" }))} className={item}>Show mine</Command.Item>
                <Command.Item onSelect={() => go(filterHref({ a: "unassigned" }))} className={item}>Show unassigned</Command.Item>
                <Command.Item onSelect={() => go(filterHref({ a: null, tag: null, q: null }))} className={item}>Clear filters</Command.Item>
              </Command.Group>
              <Command.Group heading="Actions">
                {conversationId ? (
                  <>
                    <Command.Item onSelect={() => { setOpen(false); requestAnimationFrame(() => run("reply")); }} className={item}>Reply <kbd className="ml-auto text-xs text-slate-400">R</kbd></Command.Item>
                    <Command.Item onSelect={() => { setOpen(false); run("complete"); }} className={item}>Complete <kbd className="ml-auto text-xs text-slate-400">E</kbd></Command.Item>
                    {canAssign ? <Command.Item onSelect={() => { setQuery(""); setMode("assign"); }} className={item}>Assign… <kbd className="ml-auto text-xs text-slate-400">A</kbd></Command.Item> : null}
                    <Command.Item onSelect={() => { setOpen(false); requestAnimationFrame(() => run("tag")); }} className={item}>Add a tag <kbd className="ml-auto text-xs text-slate-400">T</kbd></Command.Item>
                    <Command.Item onSelect={() => { setQuery(""); setMode("saved"); }} className={item}>Insert a saved response… <kbd className="ml-auto text-xs text-slate-400">#</kbd></Command.Item>
                  </>
                ) : null}
                <Command.Item onSelect={() => { setOpen(false); run("search"); }} className={item}>Search conversations <kbd className="ml-auto text-xs text-slate-400">/</kbd></Command.Item>
                <Command.Item onSelect={() => { setOpen(false); help.current?.showModal(); }} className={item}>Keyboard shortcuts <kbd className="ml-auto text-xs text-slate-400">?</kbd></Command.Item>
              </Command.Group>
            </>
          )}
        </Command.List>
      </Command.Dialog>
      <dialog ref={help} aria-labelledby="shortcuts-title" className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" onClick={(e) => e.target === help.current && help.current?.close()}>
        <div className="p-5">
          <div className="mb-3 flex items-center justify-between">
            <h2 id="shortcuts-title" className="text-base font-semibold">
              Keyboard shortcuts
            </h2>
            <button type="button" onClick={() => help.current?.close()} className="rounded-md px-2 py-1 text-sm hover:bg-slate-100" aria-label="Close shortcuts">
              ✕
            </button>
          </div>
          <p className="mb-3 text-xs text-slate-500">Single keys work when you are not typing in a field.</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            {[...SHORTCUTS, ...GENERAL_KEYS].map((s) => (
              <div key={s.description} className="contents">
                <dt className="flex gap-1">
                  {s.keys.map((k) => (
                    <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 text-xs">
                      {k}
                    </kbd>
                  ))}
                </dt>
                <dd className="text-slate-700">{s.description}</dd>
              </div>
            ))}
          </dl>
        </div>
      </dialog>
    </>
  );
}
