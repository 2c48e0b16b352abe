import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * Test support: a local HTTP server answering the few Stripe API calls we make, recording every
 * request (method, path, form fields exactly as the SDK encoded them, headers). The real `stripe`
 * SDK is pointed at it, so tests see the parameters Stripe itself would receive.
 */
export type RecordedRequest = { method: string; path: string; form: Record<string, string>; headers: IncomingMessage["headers"] };

export type StubSubscription = {
  id: string;
  customer: string;
  status: string;
  quantity: number;
  interval: "month" | "year";
  unitAmount: number;
  periodStart: number;
  periodEnd: number;
  pendingQuantity: number | null;
};

export async function startStripeStub() {
  const requests: RecordedRequest[] = [];
  const state = {
    customerId: "cus_test_1",
    subscription: null as StubSubscription | null,
    /** Every payment fails (card_declined on create; pending update on quantity changes). */
    declines: false,
    /** The amount createPreview reports as due now. */
    previewAmountDue: 0,
    lastInvoice: null as Record<string, unknown> | null,
  };

  const server: Server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const form = Object.fromEntries(new URLSearchParams(raw));
    const url = new URL(req.url ?? "/", "http://stub");
    const recorded = { method: req.method ?? "GET", path: url.pathname, form, headers: req.headers };
    requests.push(recorded);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": `req_${requests.length}` });
      res.end(JSON.stringify(body));
    };
    try {
      const reply = route(recorded);
      send(reply.status, reply.body);
    } catch (error) {
      send(500, { error: { type: "api_error", message: String(error) } });
    }
  });

  function subscriptionJson() {
    const s = state.subscription!;
    return {
      id: s.id,
      object: "subscription",
      customer: s.customer,
      status: s.status,
      billing_cycle_anchor: s.periodStart,
      latest_invoice: state.lastInvoice,
      items: {
        object: "list",
        data: [
          {
            id: "si_test_1",
            object: "subscription_item",
            quantity: s.quantity,
            current_period_start: s.periodStart,
            current_period_end: s.periodEnd,
            price: { id: `price_${s.interval}`, object: "price", unit_amount: s.unitAmount, currency: "usd", recurring: { interval: s.interval } },
          },
        ],
      },
      pending_update: s.pendingQuantity === null ? null : { expires_at: s.periodEnd, subscription_items: [{ id: "si_test_1", quantity: s.pendingQuantity }] },
    };
  }

  function invoice(amount: number, paid: boolean) {
    state.lastInvoice = {
      id: `in_test_${requests.length}`,
      object: "invoice",
      status: paid ? "paid" : "open",
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      currency: "usd",
    };
  }

  const cardError = { status: 402, body: { error: { type: "card_error", code: "card_declined", message: "Your card was declined." } } };

  function route({ method, path, form }: RecordedRequest): { status: number; body: unknown } {
    if (method === "POST" && path === "/v1/customers") return { status: 200, body: { id: state.customerId, object: "customer" } };
    if (method === "POST" && path === "/v1/invoices/create_preview") {
      return { status: 200, body: { object: "invoice", amount_due: state.previewAmountDue, currency: "usd", total: state.previewAmountDue } };
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      return { status: 200, body: { id: "bps_1", object: "billing_portal.session", url: "https://billing.stripe.test/p/session_1" } };
    }
    if (method === "POST" && path === "/v1/subscriptions") {
      if (state.declines) return cardError;
      const interval = form["items[0][price]"] === "price_year" ? "year" : "month";
      const now = Math.floor(Date.now() / 1000);
      state.subscription = {
        id: "sub_test_1",
        customer: form.customer,
        status: "active",
        quantity: Number(form["items[0][quantity]"]),
        interval,
        unitAmount: interval === "year" ? 18_000 : 1500,
        periodStart: now,
        periodEnd: now + (interval === "year" ? 365 : 30) * 86_400,
        pendingQuantity: null,
      };
      invoice(state.subscription.unitAmount * state.subscription.quantity, true);
      return { status: 200, body: subscriptionJson() };
    }
    const match = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (match && state.subscription?.id === match[1]) {
      if (method === "GET") return { status: 200, body: subscriptionJson() };
      const quantity = Number(form["items[0][quantity]"]);
      if (form.proration_behavior === "none" || !state.declines) {
        state.subscription.quantity = quantity;
        state.subscription.pendingQuantity = null;
        if (form.proration_behavior !== "none") invoice(state.previewAmountDue, true);
      } else {
        state.subscription.pendingQuantity = quantity;
        invoice(state.previewAmountDue, false);
      }
      return { status: 200, body: subscriptionJson() };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `No stub for ${method} ${path}` } } };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    state,
    stripe: new Stripe("sk_test_stub", { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 }),
    posts: (path: string) => requests.filter((r) => r.method === "POST" && r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type StripeStub = Awaited<ReturnType<typeof startStripeStub>>;
