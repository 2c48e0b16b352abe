/** What a key press in the composer's message field does (SPEC: keyboard-first composer). */
export type ComposerKey = { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey?: boolean; isComposing?: boolean };

/**
 * The agent's choice: "enter" — Enter sends, Shift+Enter is a new line (the default);
 * "modEnter" — Enter is a new line and Ctrl/Cmd+Enter sends (as Front and Intercom offer).
 * Ctrl/Cmd+Enter sends in both modes. An IME composition's Enter never sends.
 */
export type SendKeyMode = "enter" | "modEnter";

export const DEFAULT_SEND_KEY_MODE: SendKeyMode = "enter";

export function composerKeyAction(event: ComposerKey, mode: SendKeyMode): "send" | "newline" | null {
  if (event.key !== "Enter" || event.isComposing || event.altKey) return null;
  if (event.ctrlKey || event.metaKey) return "send";
  if (mode === "enter") return event.shiftKey ? "newline" : "send";
  return "newline";
}

export function parseSendKeyMode(value: unknown): SendKeyMode {
  return value === "modEnter" ? "modEnter" : DEFAULT_SEND_KEY_MODE;
}

/** The hint shown under the composer. */
export function sendKeyHint(mode: SendKeyMode, mac: boolean): string {
  const mod = mac ? "⌘" : "Ctrl";
  return mode === "enter" ? "Enter to send · Shift+Enter for a new line" : `${mod}+Enter to send · Enter for a new line`;
}
