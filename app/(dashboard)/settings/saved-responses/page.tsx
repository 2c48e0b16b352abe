import { getDb } from "@/db/client";
import { ArchiveButton } from "@/components/saved-responses/archive-button";
import { CategoryForm } from "@/components/saved-responses/category-form";
import { ResponseForm } from "@/components/saved-responses/response-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { listSavedResponses } from "@/lib/inbox/saved-responses/list-saved-responses";

export const metadata = { title: "Saved Responses" };

export default async function SavedResponsesPage() {
  const actor = await requireActor();
  if (!can(actor, "savedResponses.manage")) {
    return <EmptyState title="Only admins can manage saved responses">Ask an admin of your account.</EmptyState>;
  }
  const categories = await listSavedResponses({ db: await getDb(), actor });
  const choices = categories.map(({ id, name }) => ({ id, name }));
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold">Saved Responses</h2>
        <p className="mt-1 text-sm text-slate-600">
          Reusable snippets, grouped in categories, that agents insert from the composer. Text is inserted as written.
          Archiving hides a snippet from agents; nothing is deleted.
        </p>
      </div>
      <Card>
        <CategoryForm />
      </Card>
      {categories.length === 0 ? (
        <EmptyState title="No saved responses yet">Add a category, then the responses your agents use most.</EmptyState>
      ) : (
        categories.map((category) => (
          <Card key={category.id}>
            <section aria-label={`Category ${category.name}`} className="space-y-4">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <h3 className="text-base font-semibold">{category.name}</h3>
                <ArchiveButton kind="category" id={category.id} name={category.name} />
              </div>
              <CategoryForm category={{ id: category.id, name: category.name }} />
              <ul className="divide-y divide-slate-100 border-y border-slate-100">
                {category.responses.map((response) => (
                  <li key={response.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start">
                    <div className="flex-1">
                      <ResponseForm categoryId={category.id} categories={choices} response={response} />
                    </div>
                    <ArchiveButton kind="response" id={response.id} name={response.title} />
                  </li>
                ))}
                {category.responses.length === 0 ? <li className="py-3 text-sm text-slate-500">No responses in this category yet.</li> : null}
              </ul>
              <div>
                <h4 className="mb-2 text-sm font-medium text-slate-700">Add a response to {category.name}</h4>
                <ResponseForm categoryId={category.id} categories={choices} />
              </div>
            </section>
          </Card>
        ))
      )}
    </div>
  );
}
