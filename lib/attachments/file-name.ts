/** Bidirectional-text controls and other invisible format characters ("invoice‮fdp.exe" shows as "invoiceexe.pdf"). */
const FORMAT_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * A sender's file name made safe to show and to offer as a download name: the last path segment
 * only, without control or bidi characters or quotes, at most 180 characters (keeping the
 * extension). It only labels the file; the type always comes from the bytes.
 */
export function cleanFileName(raw: string | null | undefined, fallback = "file"): string {
  const lastSegment = (raw ?? "").split(/[/\\]/).pop() ?? "";
  let name = lastSegment.replace(CONTROL_CHARACTERS, "").replace(FORMAT_CHARACTERS, "").replace(/["<>|*?:]/g, "_").trim();
  name = name.replace(/^\.+/, "").trim();
  if (!name) return fallback;
  if (name.length > 180) {
    const dot = name.lastIndexOf(".");
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
    name = name.slice(0, 180 - extension.length) + extension;
  }
  return name;
}

/** The part after the last dot, lower-case ("" when there is none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}
