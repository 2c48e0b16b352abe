/** Raster images: the only uploads a browser is ever allowed to show in place (never SVG, which can run script). */
const INLINE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);

export const isInlineImage = (contentType: string) => INLINE_IMAGE_TYPES.has(contentType);

/** A Content-Disposition value with an ASCII fallback name and the exact UTF-8 one (RFC 6266). */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, "_").replace(/["\\;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Shown in place for an image, downloaded for everything else. */
export const dispositionFor = (contentType: string, fileName: string) => contentDisposition(isInlineImage(contentType) ? "inline" : "attachment", fileName);

/**
 * The response headers of a download (DESIGN "Files"): images shown in place, everything else a
 * download; never sniffed by the browser; under a CSP that runs nothing even if opened directly.
 */
export function downloadHeaders({
  contentType,
  fileName,
  size,
  crossOrigin,
  maxAgeSeconds,
}: {
  contentType: string;
  fileName: string;
  size: number;
  /** A visitor's signed link is embedded by the widget on the customer's site. */
  crossOrigin: boolean;
  maxAgeSeconds: number;
}): Record<string, string> {
  return {
    "content-type": contentType,
    "content-length": String(size),
    "content-disposition": dispositionFor(contentType, fileName),
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "cross-origin-resource-policy": crossOrigin ? "cross-origin" : "same-origin",
    "referrer-policy": "no-referrer",
    "cache-control": `private, max-age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
  };
}
