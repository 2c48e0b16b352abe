"use server";

import { signOut } from "@/app/(auth)/auth";
import { getCurrentActor } from "@/app/(auth)/current-actor";
import { getDb } from "@/db/client";
import { endAllSessions } from "@/lib/accounts/sessions";

/** Signs out everywhere: every other browser's session of this user ends too. */
export async function signOutAction() {
  const actor = await getCurrentActor();
  if (actor) await endAllSessions({ db: await getDb(), userId: actor.userId });
  await signOut({ redirectTo: "/sign-in" });
}
