import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { conversationIdFromReplyAddress, replyAddressFor } from "./reply-address";

describe("reply addresses", () => {
  it("round-trips a conversation id and fits an email local part", () => {
    const id = randomUUID();
    const address = replyAddressFor(id, "in.example");
    expect(address.split("@")[0].length).toBeLessThanOrEqual(64);
    expect(conversationIdFromReplyAddress(address, "in.example")).toBe(id);
    // Mail systems may change the case of the address.
    expect(conversationIdFromReplyAddress(address.toUpperCase(), "in.example")).toBe(id);
  });

  it("cannot be forged: another id with a reused or wrong signature is refused", () => {
    const id = randomUUID();
    const other = randomUUID();
    const address = replyAddressFor(id, "in.example");
    const signature = address.slice("reply+".length + 32, address.indexOf("@"));
    const forged = `reply+${other.replace(/-/g, "")}${signature}@in.example`;
    expect(conversationIdFromReplyAddress(forged, "in.example")).toBeNull();
    const flipped = address.replace(/@/, "").slice(0, -1);
    expect(conversationIdFromReplyAddress(`${flipped}@in.example`, "in.example")).toBeNull();
  });

  it("ignores addresses at another domain or of another shape", () => {
    const address = replyAddressFor(randomUUID(), "in.example");
    expect(conversationIdFromReplyAddress(address.replace("in.example", "evil.example"), "in.example")).toBeNull();
    expect(conversationIdFromReplyAddress("support@in.example", "in.example")).toBeNull();
  });
});
