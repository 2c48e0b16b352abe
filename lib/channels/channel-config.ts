/**
 * Provider secrets for the inbound webhooks. Each has a local default so a fresh clone works
 * with no configuration (the local tools and tests sign with it); production sets the real ones.
 */
export const channelConfig = (env: Record<string, string | undefined> = process.env) => ({
  emailWebhookSecret: env.EMAIL_WEBHOOK_SECRET || "local-email-webhook-secret",
  messengerAppSecret: env.MESSENGER_APP_SECRET || "local-messenger-app-secret",
  messengerVerifyToken: env.MESSENGER_VERIFY_TOKEN || "local-messenger-verify-token",
  smsAuthToken: env.SMS_AUTH_TOKEN || "local-sms-auth-token",
  /** The public URL the SMS provider posts to, when a proxy changes what the app sees. */
  smsWebhookUrl: env.SMS_WEBHOOK_URL || null,
});
