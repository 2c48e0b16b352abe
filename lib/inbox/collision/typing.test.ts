import { describe, expect, it } from "vitest";
import { memberFrom, someoneElseReplied, TYPING_SHOWN_MS, typingLine, typingNow, typingThrottle, viewingLine } from "./typing";

describe("typing throttle", () => {
  it("lets at most one event through per 2 s", () => {
    const t = typingThrottle();
    const sent = [0, 100, 500, 1999, 2000, 2500, 3999, 4000].filter((now) => t.take(now));
    expect(sent).toEqual([0, 2000, 4000]);
  });
  it("reset announces the next keystroke at once", () => {
    const t = typingThrottle();
    expect(t.take(0)).toBe(true);
    t.reset();
    expect(t.take(10)).toBe(true);
  });
});

describe("who is typing", () => {
  const members = { a: memberFrom("a", { kind: "agent", name: "Alice" }), b: memberFrom("b", { kind: "agent", name: "Bob" }), "visitor-1": memberFrom("visitor-1", { kind: "visitor" }) };
  it("shows recent typists other than me, and only members", () => {
    expect(typingNow({ a: 1000, b: 1000, ghost: 1000 }, members, "b", 2000).map((m) => m.name)).toEqual(["Alice"]);
  });
  it("forgets a typist after the shown time", () => {
    expect(typingNow({ a: 0 }, members, "me", TYPING_SHOWN_MS)).toEqual([]);
  });
  it("a visitor is a visitor whatever name they claim", () => {
    expect(memberFrom("visitor-1", { kind: "agent", name: "Alice" })).toEqual({ id: "visitor-1", name: "Visitor", kind: "visitor" });
    expect(memberFrom("x", null)).toEqual({ id: "x", name: "An agent", kind: "agent" });
  });
  it("says it in words", () => {
    expect(typingLine([])).toBeNull();
    expect(typingLine(["Alice"])).toBe("Alice is typing…");
    expect(typingLine(["Alice", "Bob"])).toBe("Alice and Bob are typing…");
    expect(typingLine(["A", "B", "C"])).toBe("A, B and 1 other are typing…");
    expect(viewingLine(["Bob"])).toBe("Bob is also viewing");
    expect(viewingLine(["Bob", "Carol", "Dan"])).toBe("Bob, Carol and Dan are also viewing");
  });
});

describe("They replied — send anyway?", () => {
  const msg = (id: string, o: Partial<{ direction: string; kind: string; senderKind: string; senderUserId: string | null }> = {}) => ({
    id,
    direction: "out",
    kind: "message",
    senderKind: "agent",
    senderUserId: "bob",
    ...o,
  });
  it("a new reply by another agent counts", () => {
    expect(someoneElseReplied([msg("1")], [msg("1"), msg("2")], "alice")).toBe(true);
  });
  it("my own reply, an inbound message, a status line or an old message do not", () => {
    expect(someoneElseReplied([msg("1")], [msg("1"), msg("2", { senderUserId: "alice" })], "alice")).toBe(false);
    expect(someoneElseReplied([], [msg("2", { direction: "in", senderKind: "contact", senderUserId: null })], "alice")).toBe(false);
    expect(someoneElseReplied([], [msg("3", { kind: "status" })], "alice")).toBe(false);
    expect(someoneElseReplied([msg("1")], [msg("1")], "alice")).toBe(false);
  });
});
