import { VISITOR_LINK_SECONDS } from "@/lib/attachments/signed-file-url";

/** Reload the history (fresh signed links) well before the visitor's links expire. */
const REFRESH_LINKS_MS = Math.floor(VISITOR_LINK_SECONDS * 1000 * 0.6);

/**
 * The widget's attachments, spliced into its script (lib/channels/webchat/widget-script.ts) after
 * the panel is built, in the same scope: a paperclip button, paste into the message box and drop onto
 * the panel each send the files (with progress); a message's files show as a thumbnail (images)
 * or a link, through the short-lived signed links the history carries. DOM APIs and textContent
 * only, like the rest of the widget.
 */
export const WIDGET_ATTACHMENTS_SCRIPT = String.raw`
  // ----- Attachments -----
  var fileInput = css(el("input", { type: "file", multiple: "multiple", tabindex: "-1", "aria-hidden": "true", "data-testid": "chat-file-input" }), { display: "none" });
  var attach = css(el("button", { type: "button", "aria-label": "Attach a file", title: "Attach a file (or paste, or drop it here)", "data-testid": "chat-attach" }), { padding: "6px 8px", border: "1px solid #d1d5db", background: "#fff", borderRadius: "6px", cursor: "pointer", color: "#4b5563", display: "flex", alignItems: "center" });
  attach.appendChild(paperclip());
  var uploadStatus = css(el("div", { role: "status", "data-testid": "chat-upload-status" }), { fontSize: "12px", color: "#6b7280", padding: "0 8px" });
  form.insertBefore(attach, form.firstChild);
  form.appendChild(fileInput);
  panel.insertBefore(uploadStatus, error);

  // An icon drawn with DOM calls (no markup strings), so it needs no emoji font.
  function paperclip() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("aria-hidden", "true");
    svg.style.flexShrink = "0";
    svg.setAttribute("fill", "none"); svg.setAttribute("stroke", "currentColor"); svg.setAttribute("stroke-width", "1.8"); svg.setAttribute("stroke-linecap", "round"); svg.setAttribute("stroke-linejoin", "round");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M20.5 11.5l-8.3 8.3a5 5 0 0 1-7-7l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9");
    svg.appendChild(path);
    return svg;
  }

  function fileSize(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1048576) return Math.round(bytes / 1024) + " KB";
    return (bytes / 1048576).toFixed(1) + " MB";
  }

  function sendFile(file) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", base + "/api/widget/files");
      xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
      xhr.setRequestHeader("x-visitor-token", state.token || "");
      xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name || "file"));
      xhr.setRequestHeader("x-client-message-id", uuid());
      uploadStatus.textContent = "Sending " + file.name + "…";
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) uploadStatus.textContent = "Sending " + file.name + "… " + Math.round((e.loaded / e.total) * 100) + "%";
      };
      xhr.onload = function () {
        uploadStatus.textContent = "";
        var json = {};
        try { json = JSON.parse(xhr.responseText); } catch (e) {}
        if (xhr.status >= 300) { error.textContent = json.error || "The file could not be sent."; return resolve(); }
        if (json.conversationId && json.conversationId !== state.conversationId) { state.conversationId = json.conversationId; subscribe(); }
        loadHistory().then(resolve, resolve);
      };
      xhr.onerror = function () { uploadStatus.textContent = ""; error.textContent = "Network problem: " + file.name + " was not sent."; resolve(); };
      xhr.send(file);
    });
  }

  function sendFiles(list) {
    var files = Array.prototype.slice.call(list || []);
    if (files.length === 0 || !state.token) return;
    error.textContent = "";
    files.reduce(function (previous, file) { return previous.then(function () { return sendFile(file); }); }, Promise.resolve());
  }

  attach.addEventListener("click", function () { fileInput.click(); });
  fileInput.addEventListener("change", function () { sendFiles(fileInput.files); fileInput.value = ""; });
  input.addEventListener("paste", function (e) {
    var files = e.clipboardData && e.clipboardData.files;
    if (files && files.length) { e.preventDefault(); sendFiles(files); }
  });
  function carriesFiles(e) { return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], "Files") >= 0; }
  panel.addEventListener("dragover", function (e) { if (carriesFiles(e)) { e.preventDefault(); panel.style.outline = "2px dashed #2563eb"; } });
  panel.addEventListener("dragleave", function () { panel.style.outline = ""; });
  panel.addEventListener("drop", function (e) {
    panel.style.outline = "";
    if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) { e.preventDefault(); sendFiles(e.dataTransfer.files); }
  });

  function renderAttachments(bubble, message) {
    var files = message.attachments || [];
    // A message that is only files shows them without the speech bubble around them.
    if (!message.body && files.length) css(bubble, { background: "transparent", border: "0", padding: "0", color: "#111827" });
    files.forEach(function (f) {
      var link = css(el("a", { href: base + f.url, target: "_blank", rel: "noopener noreferrer", "data-testid": "chat-attachment" }), { display: "block", color: "inherit", marginTop: "4px" });
      if (f.thumbnailUrl) {
        link.appendChild(css(el("img", { src: base + f.thumbnailUrl, alt: f.fileName, loading: "lazy" }), { display: "block", maxWidth: "100%", maxHeight: "180px", borderRadius: "6px" }));
      } else {
        css(link, { display: "flex", alignItems: "center", gap: "6px", background: "#fff", color: "#111827", border: "1px solid #e5e7eb", borderRadius: "8px", padding: "6px 8px" });
        link.appendChild(paperclip());
        link.appendChild(css(el("span", {}, f.fileName + " · " + fileSize(f.sizeBytes)), { textDecoration: "underline", whiteSpace: "normal" }));
      }
      bubble.appendChild(link);
    });
  }

  setInterval(function () {
    if (state.conversationId && state.messages.some(function (m) { return m.attachments && m.attachments.length; })) loadHistory();
  }, ${REFRESH_LINKS_MS});
`;
