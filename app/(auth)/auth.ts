import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { checkSignIn, type SignInFailure } from "@/lib/auth/sign-in";
import { confirmSignUp, type ConfirmSignUpFailure } from "@/lib/accounts/confirm-sign-up";
import { clientAddress } from "@/lib/rate-limit/client-address";

class SignInRefused extends CredentialsSignin {
  constructor(reason: SignInFailure | ConfirmSignUpFailure) {
    super(reason);
    this.code = reason;
  }
}

/** The socket's address, or the forwarded one only from TRUSTED_PROXIES (lib/rate-limit/client-address.ts). */
function clientIp(request: Request): string | null {
  const address = clientAddress(request.headers);
  return address === "unknown" ? null : address;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const db = await getDb();
        const result = await checkSignIn({ db, input: credentials, ip: clientIp(request) });
        if (!result.ok) throw new SignInRefused(result.reason);
        return { id: result.userId, accountId: result.accountId, sessionVersion: result.sessionVersion };
      },
    }),
    // The mailed sign-up link (decision 0060): consuming it creates the account, then signs its owner in.
    Credentials({
      id: "sign-up-link",
      credentials: { token: {} },
      async authorize(credentials) {
        const result = await confirmSignUp({ db: await getDb(), token: credentials.token });
        if (!result.ok) throw new SignInRefused(result.reason);
        return { id: result.userId, accountId: result.accountId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as { accountId?: string; sessionVersion?: number };
        token.sub = user.id;
        token.accountId = signedIn.accountId;
        token.sessionVersion = signedIn.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, accountId: token.accountId as string | undefined, sessionVersion: token.sessionVersion };
    },
  },
});
