import { describe, expect, it } from "vitest";
import { isTypingTarget, neighbour, shortcutFor } from "./shortcuts";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; repeat: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const body = { tagName: "BODY" };

describe("shortcuts", () => {
  it("map single keys outside fields", () => {
    expect(["j", "k", "r", "e", "a", "t", "/", "#", "?"].map((k) => shortcutFor(key(k), body))).toEqual([
      "next",
      "previous",
      "reply",
      "complete",
      "assign",
      "tag",
      "search",
      "savedResponses",
      "help",
    ]);
  });
  it("never fire while typing in a field", () => {
    for (const target of [{ tagName: "TEXTAREA" }, { tagName: "INPUT", type: "text" }, { tagName: "INPUT", type: "search" }, { tagName: "SELECT" }, { tagName: "DIV", isContentEditable: true }]) {
      expect(shortcutFor(key("j"), target)).toBeNull();
      expect(shortcutFor(key("e"), target)).toBeNull();
    }
  });
  it("fire on buttons, links, checkboxes", () => {
    for (const target of [{ tagName: "BUTTON" }, { tagName: "A" }, { tagName: "INPUT", type: "checkbox" }, null]) expect(shortcutFor(key("j"), target)).toBe("next");
  });
  it("ignore modified and repeated keys, except Ctrl/⌘+K which works everywhere", () => {
    expect(shortcutFor(key("e", { ctrlKey: true }), body)).toBeNull();
    expect(shortcutFor(key("j", { altKey: true }), body)).toBeNull();
    expect(shortcutFor(key("j", { repeat: true }), body)).toBeNull();
    expect(shortcutFor(key("k", { ctrlKey: true }), { tagName: "TEXTAREA" })).toBe("palette");
    expect(shortcutFor(key("K", { metaKey: true }), body)).toBe("palette");
    expect(shortcutFor(key("x"), body)).toBeNull();
  });
  it("typing targets", () => {
    expect(isTypingTarget({ tagName: "INPUT", type: "radio" })).toBe(false);
    expect(isTypingTarget({ tagName: "input" })).toBe(true);
  });
});

describe("j / k", () => {
  const ids = ["a", "b", "c"];
  it("moves along the list and stops at its ends", () => {
    expect(neighbour(ids, "a", 1)).toBe("b");
    expect(neighbour(ids, "b", -1)).toBe("a");
    expect(neighbour(ids, "c", 1)).toBeNull();
    expect(neighbour(ids, "a", -1)).toBeNull();
  });
  it("starts at the first (j) or last (k) when none is open", () => {
    expect(neighbour(ids, null, 1)).toBe("a");
    expect(neighbour(ids, "zzz", -1)).toBe("c");
    expect(neighbour([], null, 1)).toBeNull();
  });
});
