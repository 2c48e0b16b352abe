import { extensionOf } from "./file-name";
import { formatFileSize, MB } from "./file-size";

type Env = Record<string, string | undefined>;

export const DEFAULT_MAX_ATTACHMENT_MB = 20;
/** Files one message can carry. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** MAX_ATTACHMENT_MB (default 20): the largest file accepted anywhere, in bytes. */
export function maxAttachmentBytes(env: Env = process.env): number {
  const raw = env.MAX_ATTACHMENT_MB;
  if (raw === undefined || raw === "") return DEFAULT_MAX_ATTACHMENT_MB * MB;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 1024) throw new Error(`MAX_ATTACHMENT_MB must be a number of megabytes between 0 and 1024, got "${raw}".`);
  return Math.floor(mb * MB);
}

/** Programs, by their bytes: Windows, Linux and macOS executables, installers and packages that run code. */
const EXECUTABLE_TYPES = new Set([
  "application/x-msdownload",
  "application/vnd.microsoft.portable-executable",
  "application/x-elf",
  "application/x-mach-binary",
  "application/x-msi",
  "application/x-ms-installer",
  "application/x-ms-shortcut",
  "application/java-archive",
  "application/java-vm",
  "application/vnd.android.package-archive",
  "application/x-apple-diskimage",
  "application/wasm",
  "application/x-shockwave-flash",
  "text/x-shellscript",
]);

/**
 * Names a desktop runs as a program when opened, whatever the bytes hold: a text file named
 * "invoice.bat" is a script the moment it is downloaded, so the name is refused too.
 */
const EXECUTABLE_EXTENSIONS = new Set([
  "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "mst", "dll", "cpl", "sys", "drv", "ocx",
  "vb", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "wsc", "ps1", "ps1xml", "psm1", "psd1", "hta", "lnk", "url", "reg",
  "scf", "inf", "gadget", "msc", "jar", "apk", "app", "command", "sh", "bash", "csh", "ksh", "run",
  "application", "appref-ms", "xbap", "ade", "adp", "chm", "hlp", "iso", "img", "vhd", "vhdx", "dmg", "pkg", "deb", "rpm",
]);

export type FileFacts = { fileName: string; contentType: string; sizeBytes: number };

/** Why this file cannot be attached, in words for the person who sent it; null when it can. */
export function attachmentRefusal(file: FileFacts, env: Env = process.env): string | null {
  const max = maxAttachmentBytes(env);
  if (file.sizeBytes === 0) return `“${file.fileName}” is empty.`;
  if (file.sizeBytes > max) {
    return `“${file.fileName}” is ${formatFileSize(file.sizeBytes)}; attachments can be ${formatFileSize(max)} at most.`;
  }
  if (EXECUTABLE_TYPES.has(file.contentType) || EXECUTABLE_EXTENSIONS.has(extensionOf(file.fileName))) {
    return `“${file.fileName}” is a program or script; files that can run on a computer can't be attached.`;
  }
  return null;
}

/** The answer to a body larger than the limit (refused while it streams in, before it is sniffed). */
export const tooLargeMessage = (env: Env = process.env) => `The file is larger than ${formatFileSize(maxAttachmentBytes(env))}, the limit for attachments.`;
