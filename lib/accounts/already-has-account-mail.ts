/**
 * Sent instead of an answer that would tell a stranger an address has an account (issue 12):
 * to the address itself, when someone signs up with it or another account invites it.
 */
export function alreadyHasAccountText({ appUrl, email }: { appUrl: string; email: string }): string {
  const base = appUrl.replace(/\/$/, "");
  return [
    `Someone tried to create an account or invite you to a team on Conversations with ${email}, which already has an account.`,
    "An address can belong to one account only, so nothing was changed.",
    "",
    `If it was you, sign in here: ${base}/sign-in`,
    "If it was not you, you can ignore this mail.",
    "",
  ].join("\n");
}
