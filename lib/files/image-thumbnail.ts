import sharp from "sharp";

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;

/** Larger images are not decoded (a small file can claim a huge canvas: a decompression bomb). */
const MAX_INPUT_PIXELS = 60_000_000;

export type Thumbnail = { bytes: Buffer; width: number; height: number };

/**
 * A WebP preview of an image, at most THUMBNAIL_SIZE on its longest side, turned upright by its
 * EXIF orientation, with the original's (upright) dimensions; null when the bytes do not decode.
 */
export async function makeThumbnail(bytes: Uint8Array): Promise<{ thumbnail: Thumbnail; width: number; height: number } | null> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
    const meta = await image.metadata();
    const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
    const { data, info } = await image
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 72 })
      .toBuffer({ resolveWithObject: true });
    return { thumbnail: { bytes: data, width: info.width, height: info.height }, width: upright.width, height: upright.height };
  } catch {
    return null;
  }
}
