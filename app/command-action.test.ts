import { beforeEach, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { useTestDatabase } from "@/db/test-database";
import type { Actor } from "@/lib/access/permissions";
import { createInboxAccount, inbound } from "@/lib/inbox/inbox.fixtures";
import { getNotificationSettings, updateNotificationSettings } from "@/lib/inbox/notification-settings";
import { getThread } from "@/lib/inbox/queries/get-thread";
import { tagConversation } from "@/lib/inbox/tags";
import { setAccessLevelInput } from "@/lib/roles/set-access-level";

const session = vi.hoisted(() => ({ actor: null as Actor | null, db: null as unknown, revalidated: [] as unknown[][] }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => void session.revalidated.push(args) }));
vi.mock("@/app/(auth)/current-actor", () => ({ requireActor: async () => session.actor }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));

const { callAction, formAction, formInput, FORBIDDEN_MESSAGE, queryAction } = await import("./command-action");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
  session.revalidated = [];
});

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};

describe("formInput: a form's fields by the command's schema", () => {
  test("checkboxes are true when ticked and false when absent; lists take every value; blank optional fields are left out", () => {
    const schema = z.object({
      desktop: z.boolean(),
      audio: z.boolean().default(true),
      ids: z.array(z.string()).optional(),
      transferTo: z.string().optional(),
      name: z.string().min(1, "Enter a name."),
    });
    expect(formInput(form({ desktop: "on", ids: ["a", "b"], transferTo: "", name: "", other: "x" }), schema)).toEqual({
      desktop: true,
      audio: false,
      ids: ["a", "b"],
      name: "",
    });
    // A required blank field stays, so the schema's own message shows.
    expect(setAccessLevelInput.safeParse(formInput(form({ userId: "", level: "agent", transferTo: "" }), setAccessLevelInput)).error?.issues[0].message).toBe(
      "Choose a user.",
    );
  });
});

describe("the action helper", () => {
  test("a form action runs the command as the signed-in actor and revalidates after a success", async () => {
    const a = await createInboxAccount(t.db);
    session.actor = a.alice;
    const action = formAction(updateNotificationSettings, { revalidate: [["/", "layout"]] });
    expect(await action({}, form({ desktop: "on" }))).toEqual({ ok: true });
    expect(await getNotificationSettings({ db: t.db, actor: a.alice })).toEqual({ desktop: true, audio: false });
    expect(session.revalidated).toEqual([["/", "layout"]]);
  });

  test("a refusal becomes the form's error and field errors, with no revalidation; a refused permission is one message", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    const tag = formAction(tagConversation, { revalidate: ["/inbox"], onFailure: () => ({ extra: 1 }) });
    session.actor = a.alice;
    expect(await tag({}, form({ conversationId, name: "a,b" }))).toEqual({
      error: "Tags cannot contain commas or angle brackets.",
      fieldErrors: { name: "Tags cannot contain commas or angle brackets." },
      extra: 1,
    });
    session.actor = a.viewer;
    expect(await tag({}, form({ conversationId, name: "vip" }))).toEqual({ error: FORBIDDEN_MESSAGE });
    expect(session.revalidated).toEqual([]);
  });

  test("a called action takes the input object and builds its success state; a query maps a refused permission", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    session.actor = a.alice;
    const tag = callAction(tagConversation, { onSuccess: ({ tagId }) => ({ id: tagId }) });
    expect(await tag({ conversationId, name: "vip" })).toEqual({ ok: true, id: expect.any(String) });
    const thread = queryAction((q, id: string) => getThread({ ...q, conversationId: id }));
    expect(await thread(conversationId)).toMatchObject({ conversation: { id: conversationId } });
    session.actor = a.nobody;
    expect(await thread(conversationId)).toEqual({ ok: false, error: FORBIDDEN_MESSAGE });
  });
});
