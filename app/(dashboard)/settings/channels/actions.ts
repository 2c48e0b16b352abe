"use server";

import { formAction } from "@/app/command-action";
import { rotateWidgetKey, setWebChatEnabled, setWidgetAppearance, setWidgetOrigins } from "@/lib/channels/webchat/webchat-settings";

const revalidate = ["/settings/channels"] as const;

export const setWebChatEnabledAction = formAction(setWebChatEnabled, { revalidate });
export const rotateWidgetKeyAction = formAction(rotateWidgetKey, { revalidate });
export const setWidgetOriginsAction = formAction(setWidgetOrigins, { revalidate });
export const setWidgetAppearanceAction = formAction(setWidgetAppearance, { revalidate });
