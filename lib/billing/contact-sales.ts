import { z } from "zod";
import { contactSalesRequests } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { emailSchema } from "@/lib/auth/person-fields";
import { ok, type Result } from "@/lib/result";
import { queueMail } from "@/lib/delivery/queue-mail";
import { SELF_SERVE_MAX_SEATS } from "./prices";

const contactSalesInput = z.object({
  seats: z.coerce
    .number({ error: "How many seats do you need?" })
    .int("Enter a whole number of seats.")
    .min(SELF_SERVE_MAX_SEATS + 1, `Up to ${SELF_SERVE_MAX_SEATS} seats can be bought on this page.`)
    .max(100_000, "Enter at most 100,000 seats."),
  contactEmail: emailSchema,
  message: z.string().trim().max(2000, "Use at most 2,000 characters.").default(""),
});

/** "Contact Sales" for more than the self-serve maximum: recorded, and mailed to SALES_EMAIL if set (the mail job commits with the request). */
export const requestContactSales = defineCommand({
  permission: "seats.view",
  input: contactSalesInput,
  async run({ tx: db, actor, input: { seats, contactEmail, message } }): Promise<Result<{ requestId: string }>> {
    const [row] = await db
      .insert(contactSalesRequests)
      .values({ accountId: actor.accountId, requestedById: actor.userId, seats, contactEmail, message })
      .returning({ id: contactSalesRequests.id });
    const salesEmail = process.env.SALES_EMAIL;
    if (salesEmail) {
      await queueMail({
        tx: db,
        mail: {
          accountId: actor.accountId,
          to: salesEmail,
          subject: `Conversations: ${seats} seats requested`,
          text: `Account ${actor.accountId} asks for ${seats} seats.\nContact: ${contactEmail}\n\n${message}`,
        },
      });
    }
    return ok({ requestId: row.id });
  },
});
