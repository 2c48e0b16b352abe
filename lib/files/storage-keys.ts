/** A key names an object inside one store: letters, digits and `/ _ . -`, never `..` or a leading `/`. */
const KEY = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9/_.-]{0,511}$/;

export function assertStorageKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key).slice(0, 80)}`);
  return key;
}

/**
 * An account's file, addressed by its content: the same bytes stored twice (a provider's retry,
 * the same image sent again) are one object, and one account's keys never name another's files.
 */
export const accountFileKey = (accountId: string, sha256: string) => assertStorageKey(`accounts/${accountId}/files/${sha256}`);

export const accountThumbnailKey = (accountId: string, sha256: string) => assertStorageKey(`accounts/${accountId}/thumbnails/${sha256}.webp`);

/** A rendered email kept by the local mail mailbox. */
export const accountMailKey = (accountId: string, mailId: string) => assertStorageKey(`accounts/${accountId}/mail/${mailId}.eml`);
