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
    /** Quantity increases wait for 3-D Secure (the invoice's payment intent requires_action). */
    requiresAction: false,
    /** The subscription schedule attached to the subscription, with the phases last sent. */
    schedule: null as { id: string; phases: Array<{ start_date: number; end_date?: number; quantity: number }> } | null,
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
      schedule: state.schedule?.id ?? null,
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

  function invoice(amount: number, paid: boolean, intent: string | null = null) {
    const id = `in_test_${requests.length}`;
    state.lastInvoice = {
      id,
      object: "invoice",
      status: paid ? "paid" : "open",
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      currency: "usd",
      hosted_invoice_url: `https://invoice.stripe.test/i/${id}`,
      payments: { object: "list", data: intent ? [{ object: "invoice_payment", payment: { type: "payment_intent", payment_intent: intent } }] : [] },
    };
  }

  function scheduleJson() {
    const sc = state.schedule!;
    return {
      id: sc.id,
      object: "subscription_schedule",
      subscription: state.subscription?.id,
      end_behavior: "release",
      phases: sc.phases.map((p) => ({ start_date: p.start_date, end_date: p.end_date ?? null, items: [{ price: "price_month", quantity: p.quantity }] })),
    };
  }

  const cardError = { status: 402, body: { error: { type: "card_error", code: "card_declined", message: "Your card was declined." } } };

  function route({ method, path, form }: RecordedRequest): { status: number; body: unknown } {
    if (method === "POST" && path === "/v1/customers") return { status: 200, body: { id: state.customerId, object: "customer" } };
    if (method === "POST" && path === "/v1/invoices/create_preview") {
      return { status: 200, body: { object: "invoice", amount_due: state.previewAmountDue, currency: "usd", total: state.previewAmountDue } };
    }
    const payMatch = /^\/v1\/invoices\/([^/]+)\/pay$/.exec(path);
    if (method === "POST" && payMatch) {
      if (state.declines) return cardError;
      const due = Number(state.lastInvoice?.amount_due ?? 0);
      const paid = { ...(state.lastInvoice ?? {}), id: payMatch[1], object: "invoice", status: "paid", amount_paid: due };
      if (state.subscription) state.subscription.status = "active";
      return { status: 200, body: paid };
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      return { status: 200, body: { id: "cs_test_1", object: "checkout.session", mode: form.mode, url: "https://checkout.stripe.test/c/pay/cs_test_1" } };
    }
    if (method === "GET" && path.startsWith("/v1/payment_intents/")) {
      const id = path.split("/")[3];
      return { status: 200, body: { id, object: "payment_intent", status: state.requiresAction ? "requires_action" : "requires_payment_method" } };
    }
    if (method === "POST" && path === "/v1/subscription_schedules") {
      const s = state.subscription!;
      state.schedule = { id: "sub_sched_1", phases: [{ start_date: s.periodStart, end_date: s.periodEnd, quantity: s.quantity }] };
      return { status: 200, body: scheduleJson() };
    }
    const scheduleMatch = /^\/v1\/subscription_schedules\/([^/]+)(\/release)?$/.exec(path);
    if (scheduleMatch && state.schedule?.id === scheduleMatch[1]) {
      if (method === "GET") return { status: 200, body: scheduleJson() };
      if (scheduleMatch[2]) {
        const released = scheduleJson();
        state.schedule = null;
        return { status: 200, body: { ...released, status: "released" } };
      }
      state.schedule.phases = [0, 1, 2]
        .filter((i) => form[`phases[${i}][items][0][quantity]`] !== undefined)
        .map((i) => ({
          start_date: Number(form[`phases[${i}][start_date]`] ?? state.schedule!.phases[i - 1]?.end_date),
          end_date: form[`phases[${i}][end_date]`] ? Number(form[`phases[${i}][end_date]`]) : undefined,
          quantity: Number(form[`phases[${i}][items][0][quantity]`]),
        }));
      return { status: 200, body: scheduleJson() };
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      return { status: 200, body: { id: "bps_1", object: "billing_portal.session", url: "https://billing.stripe.test/p/session_1" } };
    }
    if (method === "POST" && path === "/v1/subscriptions") {
      if (state.declines) return cardError;
      subscribe({ customer: form.customer, quantity: Number(form["items[0][quantity]"]), interval: form["items[0][price]"] === "price_year" ? "year" : "month" });
      return { status: 200, body: subscriptionJson() };
    }
    const match = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (match && state.subscription?.id === match[1]) {
      if (method === "GET") return { status: 200, body: subscriptionJson() };
      const quantity = Number(form["items[0][quantity]"]);
      if (form.proration_behavior === "none" || (!state.declines && !state.requiresAction)) {
        state.subscription.quantity = quantity;
        state.subscription.pendingQuantity = null;
        if (form.proration_behavior !== "none") invoice(state.previewAmountDue, true);
      } else {
        state.subscription.pendingQuantity = quantity;
        invoice(state.previewAmountDue, false, "pi_test_1");
      }
      return { status: 200, body: subscriptionJson() };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `No stub for ${method} ${path}` } } };
  }

  /** A paid subscription, as Checkout (or subscriptions.create) leaves it; returns its first invoice. */
  function subscribe({ customer, quantity, interval = "month" }: { customer: string; quantity: number; interval?: "month" | "year" }) {
    const now = Math.floor(Date.now() / 1000);
    state.subscription = {
      id: "sub_test_1",
      customer,
      status: "active",
      quantity,
      interval,
      unitAmount: interval === "year" ? 18_000 : 1500,
      periodStart: now,
      periodEnd: now + (interval === "year" ? 365 : 30) * 86_400,
      pendingQuantity: null,
    };
    invoice(state.subscription.unitAmount * quantity, true);
    return state.lastInvoice!;
  }

  /** Stripe at the period end: the next period starts, a schedule's next phase applies, then it is released. */
  function renew() {
    const s = state.subscription!;
    const length = s.periodEnd - s.periodStart;
    s.periodStart = s.periodEnd;
    s.periodEnd += length;
    const next = state.schedule?.phases[1];
    if (next) s.quantity = next.quantity;
    state.schedule = null;
    invoice(s.unitAmount * s.quantity, true);
    return state.lastInvoice!;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    state,
    renew,
    subscribe,
    subscriptionJson,
    stripe: new Stripe("sk_test_stub", { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 }),
    posts: (path: string) => requests.filter((r) => r.method === "POST" && r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type StripeStub = Awaited<ReturnType<typeof startStripeStub>>;
