import { installSecret } from "@/lib/secrets/install-secret";

/**
 * Provider secrets for the inbound webhooks. Each comes from its environment variable, else
 * from a secret generated for this install (`.data/<name>`, mode 0600) — never a constant, so an
 * unconfigured deployment has no publicly known secret. Admins see the generated values where
 * they paste them into the provider (Settings → Channels).
 */
export const channelConfig = (env: Record<string, string | undefined> = process.env) => ({
  emailWebhookSecret: env.EMAIL_WEBHOOK_SECRET || installSecret("email-webhook-secret"),
  messengerAppSecret: env.MESSENGER_APP_SECRET || installSecret("messenger-app-secret"),
  messengerVerifyToken: env.MESSENGER_VERIFY_TOKEN || installSecret("messenger-verify-token"),
  smsAuthToken: env.SMS_AUTH_TOKEN || installSecret("sms-auth-token"),
  /** The public URL the SMS provider posts to, when a proxy changes what the app sees. */
  smsWebhookUrl: env.SMS_WEBHOOK_URL || null,
});
