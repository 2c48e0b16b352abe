import { getDb } from "@/db/client";
import { DEMO_WIDGET_KEY } from "@/lib/demo/demo-account";
import { demoAccountId } from "@/lib/demo/demo-account";
import { ensureWidgetKey } from "@/lib/channels/webchat/widget-key";
import { widgetSnippet } from "@/lib/channels/webchat/webchat-settings";
import { appUrl } from "@/app/app-url";

export const dynamic = "force-dynamic";
export const metadata = { title: "Acme Demo store — web chat demo" };

/** A public stand-in for a customer's website, hosting the widget with the demo account's key. */
export default async function DemoPage() {
  const db = await getDb();
  const accountId = await demoAccountId(db);
  const widgetKey = accountId ? await ensureWidgetKey({ db, accountId, widgetKey: DEMO_WIDGET_KEY }) : null;
  return (
    <main className="mx-auto max-w-2xl p-10">
      <h1 className="text-3xl font-bold">Acme Demo store</h1>
      <p className="mt-4 text-gray-600">
        This page stands in for a customer&apos;s website. The chat button in the corner is the embeddable widget: one script tag with
        the account&apos;s widget key.
      </p>
      <pre className="mt-6 overflow-x-auto rounded bg-gray-100 p-4 text-sm">{widgetSnippet(await appUrl(), widgetKey ?? "…")}</pre>
      {widgetKey ? <script src="/widget.js" data-key={widgetKey} async /> : <p className="mt-6 text-red-600">No demo account: run the seed first.</p>}
    </main>
  );
}
