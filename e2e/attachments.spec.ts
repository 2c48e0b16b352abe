import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { simpleParser } from "mailparser";
import sharp from "sharp";
import { InboxPage } from "./pages/inbox-page";
import { signUpAgent } from "./pages/new-account";

async function photo(width: number, height: number, color: string) {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="white"/></svg>`) }])
    .png()
    .toBuffer();
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

test("attachments: a visitor's image shows live as a thumbnail; the agent's PDF goes out by email as a MIME attachment", async ({ browser, baseURL }, testInfo) => {
  const stamp = Date.now();
  const agentContext = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await agentContext.newPage();
  await signUpAgent(page, stamp, "Fay Files");
  const widget = await page.request.get("/api/test/widget-key");
  expect(widget.ok()).toBe(true);
  const { widgetKey } = await widget.json();
  const inbox = new InboxPage(page);
  await inbox.open();

  // The visitor, on the customer's own site (a server of its own: another origin), with the new account's widget.
  const shopSite = createServer((_req, res) =>
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(`<!doctype html><title>Lamp shop</title><h1>Lamps</h1><p>Our finest lamps.</p><script src="${baseURL}/widget.js" data-key="${widgetKey}" async></script>`),
  );
  await new Promise<void>((resolve) => shopSite.listen(0, "127.0.0.1", resolve));
  const visitorContext = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`http://127.0.0.1:${(shopSite.address() as AddressInfo).port}/`);
  await visitor.getByTestId("chat-launcher").click();
  const panel = visitor.getByTestId("chat-panel");
  await panel.getByLabel("Message", { exact: true }).fill(`My lamp arrived broken (${stamp})`);
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(visitor.getByTestId("chat-messages")).toContainText(`My lamp arrived broken (${stamp})`);

  // A brand-new account: this visitor's is its only conversation.
  await expect(inbox.row(`My lamp arrived broken (${stamp})`)).toBeVisible();
  const row = inbox.list().getByRole("link");
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(inbox.messages()).toContainText(`My lamp arrived broken (${stamp})`);

  // The visitor sends a photo with the attach button; the agent's open thread shows its thumbnail, live.
  await visitor.getByTestId("chat-file-input").setInputFiles({ name: "broken-lamp.png", mimeType: "image/png", buffer: await photo(1200, 900, "#c2410c") });
  await expect(visitor.getByTestId("chat-attachment").getByRole("img", { name: "broken-lamp.png" })).toBeVisible();
  const thumbnail = inbox.messages().getByRole("img", { name: "broken-lamp.png" });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  await expect(row).toContainText("Attachment: broken-lamp.png");

  // …and drops a second one onto the chat panel.
  const second = (await photo(600, 800, "#1d4ed8")).toString("base64");
  await visitor.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "box-label.png", { type: "image/png" }));
    document.querySelector('[data-testid="chat-panel"]')!.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, second);
  await expect(inbox.messages().getByRole("img", { name: "box-label.png" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("inbox-visitor-image.png") });
  await visitor.screenshot({ path: testInfo.outputPath("widget-images.png") });

  // The visitor leaves an email; the agent answers by email with a PDF.
  await visitor.getByLabel(/Leave your email/).fill(`lamp-${stamp}@example.com`);
  await visitor.getByRole("button", { name: "Save email" }).click();
  await expect(visitor.getByTestId("chat-email-form")).toContainText("Thanks!");
  await page.getByLabel("Channel").selectOption("email");
  await page.getByLabel("Attach files").setInputFiles({ name: "repair-form.pdf", mimeType: "application/pdf", buffer: PDF });
  const attached = page.getByTestId("attached-file").filter({ hasText: "repair-form.pdf" });
  await expect(attached).toHaveAttribute("data-status", "ready");
  await page.screenshot({ path: testInfo.outputPath("composer-attached-pdf.png") });
  await page.getByLabel("Message", { exact: true }).fill(`Sorry about that! Please fill in the repair form (${stamp}).`);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(inbox.messages()).toContainText(`Please fill in the repair form (${stamp})`);
  await expect(inbox.messages().getByTestId("attachment-file").filter({ hasText: "repair-form.pdf" })).toBeVisible();
  await expect(page.getByTestId("attached-file")).toHaveCount(0);

  // The local mail outbox holds the mail; its MIME message carries the PDF as an attachment.
  await page.goto("/settings/outbox");
  const mail = page.getByTestId("mail-outbox").getByRole("listitem").filter({ hasText: `repair form (${stamp})` });
  await expect(mail).toContainText(`lamp-${stamp}@example.com`);
  await expect(mail.getByTestId("outbox-files")).toContainText("repair-form.pdf (application/pdf)");
  await page.screenshot({ path: testInfo.outputPath("outbox-mail-attachment.png") });
  const eml = await page.request.get((await mail.getByRole("link", { name: "Download .eml" }).getAttribute("href"))!);
  expect(eml.headers()["content-type"]).toBe("message/rfc822");
  const parsed = await simpleParser(await eml.body());
  expect(parsed.to && "text" in parsed.to ? parsed.to.text : "").toContain(`lamp-${stamp}@example.com`);
  expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.contentDisposition])).toEqual([["repair-form.pdf", "application/pdf", "attachment"]]);
  expect(parsed.attachments[0].content.equals(PDF)).toBe(true);

  await agentContext.close();
  await visitorContext.close();
  shopSite.close();
});
