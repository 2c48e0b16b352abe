import { redirect } from "next/navigation";
import { getCurrentActor } from "@/app/(auth)/current-actor";

export default async function Home() {
  redirect((await getCurrentActor()) ? "/inbox" : "/sign-in");
}
