import { describe, expect, it } from "vitest";
import { composerKeyAction, parseSendKeyMode } from "./composer-keys";

const press = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean; isComposing: boolean }> = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe("composer keys", () => {
  it("Enter sends and Shift+Enter is a new line by default", () => {
    expect(composerKeyAction(press("Enter"), "enter")).toBe("send");
    expect(composerKeyAction(press("Enter", { shiftKey: true }), "enter")).toBe("newline");
  });
  it("swapped: Enter is a new line, Ctrl/Cmd+Enter sends", () => {
    expect(composerKeyAction(press("Enter"), "modEnter")).toBe("newline");
    expect(composerKeyAction(press("Enter", { shiftKey: true }), "modEnter")).toBe("newline");
    expect(composerKeyAction(press("Enter", { ctrlKey: true }), "modEnter")).toBe("send");
    expect(composerKeyAction(press("Enter", { metaKey: true }), "modEnter")).toBe("send");
  });
  it("Ctrl/Cmd+Enter also sends in the default mode", () => {
    expect(composerKeyAction(press("Enter", { metaKey: true }), "enter")).toBe("send");
  });
  it("never sends while an IME composes, nor on Alt+Enter or other keys", () => {
    expect(composerKeyAction(press("Enter", { isComposing: true }), "enter")).toBeNull();
    expect(composerKeyAction(press("Enter", { altKey: true }), "enter")).toBeNull();
    expect(composerKeyAction(press("a"), "enter")).toBeNull();
  });
  it("reads a stored mode, anything unknown is the default", () => {
    expect(parseSendKeyMode("modEnter")).toBe("modEnter");
    expect(parseSendKeyMode("enter")).toBe("enter");
    expect(parseSendKeyMode("<script>")).toBe("enter");
    expect(parseSendKeyMode(null)).toBe("enter");
  });
});
