import type { RealtimeEventType } from "@/lib/realtime/events";
import { TYPING_EVENT } from "@/lib/realtime/client-events";
import { conversationPresenceChannel } from "@/lib/realtime/realtime-channel-names";
import { TYPING_SHOWN_MS, TYPING_THROTTLE_MS } from "@/lib/inbox/collision/typing";
import { WIDGET_ATTACHMENTS_SCRIPT } from "./widget-attachments-script";

const ROOM_PREFIX = conversationPresenceChannel("");

/** The one realtime event the widget listens to: a team message arrived in its conversation. */
const VISITOR_MESSAGE = "visitor.message" satisfies RealtimeEventType;

/**
 * The embeddable web-chat widget (SPEC §7), served as plain JavaScript at /widget.js:
 *   <script src="https://app.example/widget.js" data-key="wk_…" async></script>
 * It builds its panel with DOM APIs and sets message text only through textContent — never
 * innerHTML — so nothing a visitor or agent writes can run as markup on the host page.
 */
export const WIDGET_SCRIPT = String.raw`(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__conversationsWidget) return;
  window.__conversationsWidget = true;
  var widgetKey = script.getAttribute("data-key") || "";
  var base = new URL(script.src, location.href).origin;
  var storeKey = "conversations-widget:" + widgetKey;
  var state = { greeting: "Hi! How can we help?", token: null, accountId: null, conversationId: null, email: null, messages: [], open: false, pusher: null, subscribed: null, realtime: null, room: null, roomReady: false };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text != null) node.textContent = text;
    return node;
  }
  function css(node, styles) { for (var k in styles) node.style[k] = styles[k]; return node; }

  function api(path, options) {
    options = options || {};
    var headers = { "content-type": "application/json" };
    if (state.token) headers["x-visitor-token"] = state.token;
    return fetch(base + path, { method: options.method || "GET", headers: headers, body: options.body ? JSON.stringify(options.body) : undefined })
      .then(function (r) {
        // Web chat switched off, or the key rotated: the widget leaves the page.
        if (r.status === 404 || r.status === 403) teardown();
        return r.json().catch(function () { return {}; }).then(function (j) { return { ok: r.ok, status: r.status, json: j }; });
      });
  }
  function teardown() {
    if (root.parentNode) root.parentNode.removeChild(root);
    if (state.pusher) { try { state.pusher.disconnect(); } catch (e) {} state.pusher = null; }
  }

  // ----- DOM -----
  var root = css(el("div", { id: "conversations-widget", "data-testid": "chat-widget" }), { position: "fixed", right: "20px", bottom: "20px", zIndex: "2147483000", fontFamily: "system-ui, sans-serif", fontSize: "14px" });
  var launcher = css(el("button", { type: "button", "aria-haspopup": "dialog", "data-testid": "chat-launcher" }, "Chat with us"), { background: "#2563eb", color: "#fff", border: "0", borderRadius: "999px", padding: "12px 18px", cursor: "pointer", boxShadow: "0 4px 14px rgba(0,0,0,.2)", position: "relative" });
  var badge = css(el("span", { "data-testid": "chat-unread-badge", "aria-hidden": "true" }), { display: "none", position: "absolute", top: "-6px", right: "-6px", background: "#dc2626", color: "#fff", borderRadius: "999px", minWidth: "20px", height: "20px", fontSize: "12px", lineHeight: "20px", textAlign: "center", padding: "0 5px" });
  launcher.appendChild(badge);
  var panel = css(el("div", { role: "dialog", "aria-label": "Chat", "data-testid": "chat-panel" }), { display: "none", width: "320px", height: "440px", background: "#fff", border: "1px solid #e5e7eb", borderRadius: "12px", boxShadow: "0 8px 30px rgba(0,0,0,.2)", flexDirection: "column", overflow: "hidden", marginBottom: "10px" });
  var header = css(el("div", {}), { background: "#2563eb", color: "#fff", padding: "12px", fontWeight: "600", display: "flex", justifyContent: "space-between" });
  var close = css(el("button", { type: "button", "aria-label": "Close chat" }, "×"), { background: "transparent", color: "#fff", border: "0", fontSize: "18px", cursor: "pointer" });
  var headerTitle = el("span", { "data-testid": "chat-title" }, "Chat with us");
  header.appendChild(headerTitle);
  header.appendChild(close);
  var list = css(el("div", { "data-testid": "chat-messages", "aria-live": "polite" }), { flex: "1", overflowY: "auto", padding: "10px", display: "flex", flexDirection: "column", gap: "6px", background: "#f9fafb" });
  var typing = css(el("div", { "data-testid": "chat-typing", "aria-live": "polite" }), { minHeight: "16px", padding: "2px 10px", fontSize: "12px", color: "#6b7280", fontStyle: "italic", background: "#f9fafb" });
  var emailForm = css(el("form", { "data-testid": "chat-email-form" }), { display: "none", padding: "8px", borderTop: "1px solid #e5e7eb", gap: "6px", flexDirection: "column" });
  var emailLabel = el("label", { for: "cw-email" }, "Leave your email and we'll answer there if you go:");
  var emailRow = css(el("div"), { display: "flex", gap: "6px" });
  var emailInput = css(el("input", { id: "cw-email", type: "email", name: "email", placeholder: "you@example.com", required: "required", maxlength: "320" }), { flex: "1", padding: "6px", border: "1px solid #d1d5db", borderRadius: "6px" });
  var emailButton = css(el("button", { type: "submit" }, "Save email"), { padding: "6px 10px", border: "0", background: "#111827", color: "#fff", borderRadius: "6px", cursor: "pointer" });
  var emailStatus = css(el("div", { role: "status" }), { fontSize: "12px", color: "#6b7280" });
  emailRow.appendChild(emailInput); emailRow.appendChild(emailButton);
  emailForm.appendChild(emailLabel); emailForm.appendChild(emailRow); emailForm.appendChild(emailStatus);
  var form = css(el("form", { "data-testid": "chat-form" }), { display: "flex", gap: "6px", padding: "8px", borderTop: "1px solid #e5e7eb" });
  var input = css(el("input", { type: "text", name: "message", placeholder: "Type a message…", "aria-label": "Message", maxlength: "5000", autocomplete: "off" }), { flex: "1", padding: "8px", border: "1px solid #d1d5db", borderRadius: "6px" });
  var send = css(el("button", { type: "submit" }, "Send"), { padding: "8px 12px", border: "0", background: "#2563eb", color: "#fff", borderRadius: "6px", cursor: "pointer" });
  var error = css(el("div", { role: "alert" }), { color: "#dc2626", fontSize: "12px", padding: "0 8px" });
  form.appendChild(input); form.appendChild(send);
  panel.appendChild(header); panel.appendChild(list); panel.appendChild(typing); panel.appendChild(emailForm); panel.appendChild(error); panel.appendChild(form);
  root.appendChild(panel); root.appendChild(launcher);
${WIDGET_ATTACHMENTS_SCRIPT}

  function render() {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (state.messages.length === 0) list.appendChild(css(el("div", { "data-testid": "chat-greeting" }, state.greeting), { color: "#6b7280", textAlign: "center", marginTop: "20px" }));
    state.messages.forEach(function (m) {
      var mine = m.from === "visitor";
      var bubble = css(el("div", { "data-testid": "chat-message", "data-from": m.from, "data-unread": m.unread ? "true" : "false" }), { alignSelf: mine ? "flex-end" : "flex-start", maxWidth: "80%", background: mine ? "#2563eb" : "#fff", color: mine ? "#fff" : "#111827", border: mine ? "0" : "1px solid #e5e7eb", borderRadius: "10px", padding: "6px 10px", whiteSpace: "pre-wrap", wordBreak: "break-word" });
      if (!mine) bubble.appendChild(css(el("div", {}, (m.bot ? "🤖 " : "") + m.author + (m.unread ? " · New" : "")), { fontSize: "11px", color: "#6b7280", marginBottom: "2px" }));
      if (m.body) bubble.appendChild(el("div", {}, m.body));
      renderAttachments(bubble, m);
      list.appendChild(bubble);
    });
    list.scrollTop = list.scrollHeight;
    var unread = state.messages.filter(function (m) { return m.unread; }).length;
    badge.textContent = String(unread);
    badge.style.display = unread > 0 ? "inline-block" : "none";
    emailForm.style.display = state.conversationId && !state.email ? "flex" : "none";
  }

  function markSeen() {
    if (!state.open || !state.conversationId || state.messages.length === 0) return;
    var last = state.messages[state.messages.length - 1].id;
    api("/api/widget/seen", { method: "POST", body: { lastMessageId: last } });
    // Keep "New" visible while the panel is open; the badge clears.
    badge.style.display = "none";
  }

  function loadHistory() {
    return api("/api/widget/history").then(function (r) {
      if (!r.ok) return;
      state.messages = r.json.messages || [];
      if (r.json.conversationId && r.json.conversationId !== state.conversationId) { state.conversationId = r.json.conversationId; subscribe(); }
      render();
      markSeen();
    });
  }

  function loadPusher(done) {
    if (window.Pusher) return done();
    var s = el("script", { src: base + "/api/widget/pusher", async: "async" });
    s.onload = done;
    document.head.appendChild(s);
  }

  function subscribe() {
    if (!state.conversationId || !state.realtime || state.subscribed === state.conversationId) return;
    state.subscribed = state.conversationId;
    loadPusher(function () {
      var rt = state.realtime;
      if (!state.pusher) {
        state.pusher = new window.Pusher(rt.key, {
          cluster: rt.cluster, wsHost: rt.wsHost, wsPort: rt.wsPort, wssPort: rt.wssPort, forceTLS: rt.forceTLS, enabledTransports: rt.enabledTransports, disableStats: true,
          channelAuthorization: { endpoint: base + "/api/widget/realtime-auth", transport: "ajax", headers: { "x-visitor-token": state.token } },
        });
        state.pusher.connection.bind("connected", function () { loadHistory(); });
      }
      var channel = state.pusher.subscribe("private-visitor-" + state.conversationId);
      channel.bind(${JSON.stringify(VISITOR_MESSAGE)}, function () { hideTyping(); loadHistory(); });
      // Being in this presence channel is what makes the agents see the visitor online.
      state.pusher.subscribe("presence-visitor-" + state.accountId + "-" + state.conversationId);
      // The conversation's room: the agents' typing reaches the visitor and the visitor's reaches them.
      var room = state.pusher.subscribe(${JSON.stringify(ROOM_PREFIX)} + state.conversationId);
      state.room = room;
      state.roomReady = false;
      room.bind("pusher:subscription_succeeded", function () { state.roomReady = true; });
      room.bind(${JSON.stringify(TYPING_EVENT)}, function (data, meta) {
        var from = meta && meta.user_id ? String(meta.user_id) : "";
        if (!from || from.indexOf("visitor-") === 0) return;
        showTyping();
      });
    });
  }

  var typingTimer = null;
  var lastTypedAt = 0;
  function showTyping() {
    typing.textContent = "Agent is typing…";
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, ${TYPING_SHOWN_MS});
  }
  function hideTyping() { clearTimeout(typingTimer); typing.textContent = ""; }
  // At most one typing event per ${TYPING_THROTTLE_MS} ms while the visitor types.
  input.addEventListener("input", function () {
    var now = Date.now();
    if (!state.room || !state.roomReady || now - lastTypedAt < ${TYPING_THROTTLE_MS}) return;
    lastTypedAt = now;
    try { state.room.trigger(${JSON.stringify(TYPING_EVENT)}, {}); } catch (e) {}
  });

  function setOpen(open) {
    state.open = open;
    panel.style.display = open ? "flex" : "none";
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { markSeen(); input.focus(); }
  }
  launcher.addEventListener("click", function () { setOpen(!state.open); });
  close.addEventListener("click", function () { setOpen(false); });

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) { return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16); });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    error.textContent = "";
    send.disabled = true;
    api("/api/widget/messages", { method: "POST", body: { body: text, clientMessageId: uuid() } }).then(function (r) {
      send.disabled = false;
      if (!r.ok) { error.textContent = r.json.error || "The message could not be sent."; return; }
      input.value = "";
      lastTypedAt = 0;
      if (r.json.conversationId && r.json.conversationId !== state.conversationId) { state.conversationId = r.json.conversationId; subscribe(); }
      loadHistory();
    }, function () { send.disabled = false; error.textContent = "Network problem: the message was not sent."; });
  });

  emailForm.addEventListener("submit", function (e) {
    e.preventDefault();
    emailStatus.textContent = "";
    api("/api/widget/email", { method: "POST", body: { email: emailInput.value } }).then(function (r) {
      if (!r.ok) { emailStatus.textContent = r.json.error || "Could not save your email."; return; }
      state.email = r.json.email;
      emailStatus.textContent = r.json.verified ? "Thanks! We'll reply to " + state.email + "." : "Thanks! We'll reply to " + state.email + ". Open the link we sent there to confirm it's you.";
      render();
    });
  });

  function start() {
    var saved = null;
    try { saved = localStorage.getItem(storeKey); } catch (e) {}
    api("/api/widget/session", { method: "POST", body: { widgetKey: widgetKey, token: saved } }).then(function (r) {
      // Unknown, rotated or switched-off key, or a website that is not allowed: show nothing.
      if (!r.ok) return;
      var look = r.json.appearance || {};
      if (look.title) { headerTitle.textContent = look.title; launcher.firstChild.textContent = look.title; }
      if (look.greeting) state.greeting = look.greeting;
      document.body.appendChild(root);
      state.token = r.json.token;
      state.accountId = r.json.accountId;
      state.conversationId = r.json.conversationId;
      state.email = r.json.email;
      state.realtime = r.json.realtime;
      try { localStorage.setItem(storeKey, state.token); } catch (e) {}
      render();
      loadHistory();
      subscribe();
    });
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
`;
