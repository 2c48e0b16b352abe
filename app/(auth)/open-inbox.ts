import "server-only";
import { redirect } from "next/navigation";
import { signIn } from "./auth";

/** After sign-up or accepting an invite: sign the new user in and open the inbox. */
export async function signInAndOpenInbox(email: string, password: string): Promise<never> {
  await signIn("credentials", { email, password, redirect: false });
  redirect("/inbox");
}
