import { fileTypeFromBuffer } from "file-type";

/** Bytes that never occur in text (WHATWG MIME Sniffing, "binary data byte"). */
const isBinaryByte = (b: number) => b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f);

/** Tags a browser takes as HTML when they start a text (WHATWG MIME Sniffing, "identifying an unknown MIME type"). */
const HTML_STARTS = ["<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--"];

/**
 * The content type of a file, from its bytes alone (never its name or a sender's claim):
 * binary formats by their signatures (`file-type`), then text — HTML, SVG and XML the way a
 * browser would recognise them, scripts by their `#!` line — else plain text or octet-stream.
 */
export async function sniffContentType(bytes: Uint8Array): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  // file-type names any XML document XML; an SVG image among them is told by its text.
  if (detected && detected.mime !== "application/xml") return detected.mime;
  return sniffText(bytes);
}

function sniffText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 1445);
  if (head.some(isBinaryByte)) return "application/octet-stream";
  let text = new TextDecoder("utf-8").decode(head);
  text = text.replace(/^\uFEFF/, "").replace(/^[\t\n\f\r ]+/, "");
  const lower = text.toLowerCase();
  if (lower.startsWith("#!")) return "text/x-shellscript";
  for (const start of HTML_STARTS) {
    // The tag must end there (space or ">"), so "<a" does not take "<abc>" or "<bold".
    const next = lower.charAt(start.length);
    if (lower.startsWith(start) && (start === "<!--" || next === " " || next === ">" || next === "\t" || next === "\n" || next === "\r" || next === "\f")) {
      return "text/html";
    }
  }
  if (lower.startsWith("<svg") || (lower.startsWith("<?xml") && lower.includes("<svg"))) return "image/svg+xml";
  if (lower.startsWith("<?xml")) return "application/xml";
  return "text/plain";
}
