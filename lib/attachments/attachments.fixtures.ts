import sharp from "sharp";

/** A real PNG of the given size (a gradient, so it does not compress to nothing). */
export async function pngImage(width = 640, height = 480): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7 + (i >> 8)) & 0xff;
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** A JPEG of about `megabytes` MB: noise does not compress, so its size follows its pixel count. */
export async function noisyJpeg(megabytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(megabytes * 1024 * 1024));
  const pixels = Buffer.alloc(side * side * 3);
  let seed = 12345;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = seed >> 16;
  }
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

/** A minimal valid PDF. */
export const pdfDocument = () =>
  Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

/** An HTML page that would run script if a browser rendered it. */
export const htmlPage = () => Buffer.from("<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n");

/** The start of a Windows program (MZ header). */
export const windowsProgram = () => Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
