import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { checkSignIn, type SignInFailure } from "@/lib/auth/sign-in";

class SignInRefused extends CredentialsSignin {
  constructor(reason: SignInFailure) {
    super(reason);
    this.code = reason;
  }
}

function clientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
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
        return { id: result.userId, accountId: result.accountId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.accountId = (user as { accountId?: string }).accountId;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, accountId: token.accountId as string | undefined };
    },
  },
});
