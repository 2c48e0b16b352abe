import { describe, expect, test } from "vitest";
import { savedResponseCategories, savedResponses } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { archiveSavedResponseCategory } from "./archive-category";
import { archiveSavedResponse } from "./archive-response";
import { createSavedResponseCategory } from "./create-category";
import { createSavedResponse } from "./create-response";
import { listSavedResponses } from "./list-saved-responses";
import { renameSavedResponseCategory } from "./rename-category";
import { updateSavedResponse } from "./update-response";

const t = useTestDatabase();

describe("saved responses (SPEC §4)", () => {
  test("admins manage them by category; agents list them with the text kept literally; archived ones disappear but stay stored", async () => {
    const a = await createInboxAccount(t.db);
    const category = await createSavedResponseCategory({ db: t.db, actor: a.owner, input: { name: "Shipping" } });
    if (!category.ok) throw new Error(category.error);
    const body = "Hi {{first_name}}, your order ships today.";
    const created = await createSavedResponse({ db: t.db, actor: a.viewerAdmin, input: { categoryId: category.value.id, title: "Ships today", body } });
    if (!created.ok) throw new Error(created.error);
    expect(await listSavedResponses({ db: t.db, actor: a.alice })).toEqual([
      { id: category.value.id, name: "Shipping", responses: [{ id: created.value.id, title: "Ships today", body }] },
    ]);
    expect((await updateSavedResponse({ db: t.db, actor: a.owner, input: { id: created.value.id, categoryId: category.value.id, title: "Today", body: "B" } })).ok).toBe(true);
    expect((await listSavedResponses({ db: t.db, actor: a.alice }))[0].responses[0]).toMatchObject({ title: "Today", body: "B" });
    expect((await archiveSavedResponse({ db: t.db, actor: a.owner, input: { id: created.value.id } })).ok).toBe(true);
    expect((await listSavedResponses({ db: t.db, actor: a.alice }))[0].responses).toEqual([]);
    expect(await t.db.select().from(savedResponses)).toHaveLength(1);
  });

  test("non-admin agents cannot manage, viewers cannot use; bad input and other accounts' categories are refused", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    await expect(createSavedResponseCategory({ db: t.db, actor: a.alice, input: { name: "X" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listSavedResponses({ db: t.db, actor: a.viewer })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await createSavedResponseCategory({ db: t.db, actor: a.owner, input: { name: "" } })).toMatchObject({ ok: false, error: "Enter a category name." });
    const mine = await createSavedResponseCategory({ db: t.db, actor: a.owner, input: { name: "Billing" } });
    expect(await createSavedResponseCategory({ db: t.db, actor: a.owner, input: { name: "billing" } })).toMatchObject({ ok: false, error: expect.stringContaining("already exists") });
    if (!mine.ok) throw new Error(mine.error);
    expect(await createSavedResponse({ db: t.db, actor: other.owner, input: { categoryId: mine.value.id, title: "t", body: "b" } })).toMatchObject({
      ok: false,
      error: "Category not found.",
    });
    expect(await createSavedResponse({ db: t.db, actor: a.owner, input: { categoryId: mine.value.id, title: "", body: "b" } })).toMatchObject({ ok: false, error: "Enter a title." });
    expect(await t.db.select().from(savedResponses)).toHaveLength(0);
  });
});

describe("saved response categories", () => {
  test("admins rename and archive categories; archived ones leave the picker with their responses but stay stored", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other Co");
    const shipping = await createSavedResponseCategory({ db: t.db, actor: a.owner, input: { name: "Shipping" } });
    const returns = await createSavedResponseCategory({ db: t.db, actor: a.owner, input: { name: "Returns" } });
    if (!shipping.ok || !returns.ok) throw new Error("setup");
    await createSavedResponse({ db: t.db, actor: a.owner, input: { categoryId: shipping.value.id, title: "Ships", body: "It ships." } });

    expect(await renameSavedResponseCategory({ db: t.db, actor: a.owner, input: { id: shipping.value.id, name: "returns" } })).toMatchObject({
      ok: false,
      fieldErrors: { name: "A category with this name already exists." },
    });
    expect(await renameSavedResponseCategory({ db: t.db, actor: other.owner, input: { id: shipping.value.id, name: "Stolen" } })).toMatchObject({ ok: false });
    await expect(renameSavedResponseCategory({ db: t.db, actor: a.alice, input: { id: shipping.value.id, name: "X" } })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await renameSavedResponseCategory({ db: t.db, actor: a.owner, input: { id: shipping.value.id, name: "Delivery" } })).ok).toBe(true);
    expect((await listSavedResponses({ db: t.db, actor: a.alice })).map((c) => c.name)).toEqual(["Delivery", "Returns"]);

    await expect(archiveSavedResponseCategory({ db: t.db, actor: a.alice, input: { id: shipping.value.id } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await archiveSavedResponseCategory({ db: t.db, actor: other.owner, input: { id: shipping.value.id } })).toMatchObject({ ok: false });
    expect((await archiveSavedResponseCategory({ db: t.db, actor: a.owner, input: { id: shipping.value.id } })).ok).toBe(true);
    expect((await listSavedResponses({ db: t.db, actor: a.alice })).map((c) => c.name)).toEqual(["Returns"]);
    expect(await t.db.select().from(savedResponseCategories)).toHaveLength(2);
    expect(await t.db.select().from(savedResponses)).toHaveLength(1);
  });
});
