import Link from "next/link";
import { getDb } from "@/db/client";
import { can } from "@/lib/access/permissions";
import { webChatSettings, widgetSnippet } from "@/lib/channels/webchat/webchat-settings";
import { appUrl } from "@/app/app-url";
import { requireActor } from "@/app/(auth)/current-actor";

export const dynamic = "force-dynamic";
export const metadata = { title: "Web chat preview" };

/** A stand-in for the account's website, embedding its own widget: what visitors will see. Admins only. */
export default async function WebChatPreviewPage() {
  const actor = await requireActor();
  if (!can(actor, "channels.manage")) {
    return (
      <main className="mx-auto max-w-2xl p-10">
        <h1 className="text-2xl font-semibold">Only admins can preview web chat</h1>
        <p className="mt-2 text-slate-600">Ask an admin of your account to open Settings → Channels.</p>
      </main>
    );
  }
  const db = await getDb();
  const { widget } = await webChatSettings({ db, actor });
  const snippet = widgetSnippet(await appUrl(), widget.widgetKey);
  return (
    <main className="mx-auto max-w-2xl p-10">
      <p className="text-sm">
        <Link href="/settings/channels" className="text-brand-700 underline">
          ← Back to Settings → Channels
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">Your website</h1>
      <p className="mt-4 text-gray-600">
        This page stands in for your website, with your widget in the corner. Messages written here reach your inbox like any visitor&apos;s.
      </p>
      <pre className="mt-6 overflow-x-auto whitespace-pre-wrap break-all rounded bg-gray-100 p-4 text-sm">{snippet}</pre>
      {widget.enabled ? (
        <script src="/widget.js" data-key={widget.widgetKey} async />
      ) : (
        <p role="status" className="mt-6 text-amber-700">
          Web chat is off, so the widget is hidden. Turn it on in Settings → Channels to see it here.
        </p>
      )}
    </main>
  );
}
