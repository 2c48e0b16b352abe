import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/access/permissions";
import { actorForSession } from "@/lib/accounts/sessions";
import { auth } from "./auth";

/** The signed-in user as an Actor, loaded fresh once per request; null when signed out or the session was ended. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session) return null;
  return actorForSession({ db: await getDb(), session });
});

/** For pages and actions that need a signed-in user: redirects to sign-in otherwise. */
export async function requireActor(): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
