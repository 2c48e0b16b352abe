import { describe, expect, it } from "vitest";
import { draftKey, readDraft, textAfterSendFailed, textAfterSendStarted, writeDraft, type DraftStorage } from "./drafts";

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe("drafts", () => {
  it("are kept per user and per conversation", () => {
    const storage = memoryStorage();
    writeDraft(storage, "alice", "c1", "Hello c1");
    writeDraft(storage, "alice", "c2", "Hello c2");
    expect(readDraft(storage, "alice", "c1")).toBe("Hello c1");
    expect(readDraft(storage, "alice", "c2")).toBe("Hello c2");
    // Another user of the same browser never sees Alice's draft.
    expect(readDraft(storage, "bob", "c1")).toBe("");
    expect(draftKey("alice", "c1")).not.toBe(draftKey("bob", "c1"));
  });
  it("an empty draft is removed, not stored", () => {
    const storage = memoryStorage();
    writeDraft(storage, "alice", "c1", "x");
    writeDraft(storage, "alice", "c1", "  ");
    expect(storage.map.size).toBe(0);
  });
  it("a storage that throws (disabled, full) never breaks the composer", () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(readDraft(broken, "a", "c")).toBe("");
    expect(() => writeDraft(broken, "a", "c", "x")).not.toThrow();
    expect(readDraft(null, "a", "c")).toBe("");
  });
});

describe("sending keeps what was typed after Send", () => {
  it("the sent text leaves the field", () => {
    expect(textAfterSendStarted("Hi there", "Hi there")).toBe("");
  });
  it("text typed after Send stays", () => {
    expect(textAfterSendStarted("Hi there\nAnd one more thing", "Hi there")).toBe("And one more thing");
    expect(textAfterSendStarted("Hi thereX", "Hi there")).toBe("X");
  });
  it("a field that was replaced meanwhile is left alone", () => {
    expect(textAfterSendStarted("Something else", "Hi there")).toBe("Something else");
  });
  it("a failed send puts its text back before anything typed since", () => {
    expect(textAfterSendFailed("", "Hi there")).toBe("Hi there");
    expect(textAfterSendFailed("More", "Hi there")).toBe("Hi there\nMore");
    expect(textAfterSendFailed("Hi there", "Hi there")).toBe("Hi there");
  });
});
