import { redirect } from "next/navigation";

export default function ConversationsSettingsPage() {
  redirect("/settings/conversations/roles");
}
