import { WIDGET_SCRIPT } from "@/lib/channels/webchat/widget-script";

/** The embeddable widget: `<script src="/widget.js" data-key="wk_…" async></script>`. */
export function GET() {
  return new Response(WIDGET_SCRIPT, {
    headers: { "content-type": "application/javascript; charset=utf-8", "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
