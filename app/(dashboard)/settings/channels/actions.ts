"use server";

import { formAction } from "@/app/command-action";
import { createBotApiKey, revokeBotApiKey } from "@/lib/channels/bot/bot-api-keys";
import { sendTestEmail, setEmailSender, setInboundSlug } from "@/lib/channels/email/email-channel-settings";
import { connectMessengerPage, disconnectMessengerPage } from "@/lib/channels/messenger/messenger-pages";
import { addSmsNumber, removeSmsNumber } from "@/lib/channels/sms/sms-number-settings";
import { rotateWidgetKey, setWebChatEnabled, setWidgetAppearance, setWidgetOrigins } from "@/lib/channels/webchat/webchat-settings";

const revalidate = ["/settings/channels"] as const;

export const setWebChatEnabledAction = formAction(setWebChatEnabled, { revalidate });
export const rotateWidgetKeyAction = formAction(rotateWidgetKey, { revalidate });
export const setWidgetOriginsAction = formAction(setWidgetOrigins, { revalidate });
export const setWidgetAppearanceAction = formAction(setWidgetAppearance, { revalidate });

export const addSmsNumberAction = formAction(addSmsNumber, { revalidate });
export const removeSmsNumberAction = formAction(removeSmsNumber, { revalidate });

export const createBotApiKeyAction = formAction(createBotApiKey, { revalidate, onSuccess: ({ key }) => ({ key }) });
export const revokeBotApiKeyAction = formAction(revokeBotApiKey, { revalidate });

export const setInboundSlugAction = formAction(setInboundSlug, { revalidate });
export const setEmailSenderAction = formAction(setEmailSender, { revalidate });
export const sendTestEmailAction = formAction(sendTestEmail, { revalidate: [...revalidate, "/inbox"] });

export const connectMessengerPageAction = formAction(connectMessengerPage, { revalidate });
export const disconnectMessengerPageAction = formAction(disconnectMessengerPage, { revalidate });
