import { formatFileSize } from "@/lib/attachments/file-size";
import type { MessageAttachment } from "@/lib/attachments/message-attachments";

const PREVIEW_WIDTH = 240;
const PREVIEW_HEIGHT = 180;

/** The box an image preview takes, from the image's own proportions, so the thread does not jump as it loads. */
function previewBox(file: MessageAttachment) {
  if (!file.width || !file.height) return { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT };
  const scale = Math.min(PREVIEW_WIDTH / file.width, PREVIEW_HEIGHT / file.height, 1);
  return { width: Math.max(40, Math.round(file.width * scale)), height: Math.max(40, Math.round(file.height * scale)) };
}

/** A message's files in the thread: images as thumbnails that open the original, other files as download links. */
export function MessageAttachments({ attachments, outbound }: { attachments: MessageAttachment[]; outbound: boolean }) {
  if (attachments.length === 0) return null;
  return (
    <ul className={`mt-1 flex flex-wrap gap-2 ${outbound ? "justify-end" : ""}`} aria-label="Attachments">
      {attachments.map((file) =>
        file.isImage && file.thumbnailUrl ? (
          <li key={file.id}>
            <a href={file.url} target="_blank" rel="noopener noreferrer" className="block overflow-hidden rounded-lg ring-1 ring-slate-200 hover:ring-brand-500" title={`${file.fileName} · ${formatFileSize(file.sizeBytes)}`}>
              <img src={file.thumbnailUrl} alt={file.fileName} {...previewBox(file)} loading="lazy" className="block bg-slate-100 object-cover" data-testid="attachment-thumbnail" />
            </a>
          </li>
        ) : (
          <li key={file.id}>
            <a
              href={file.url}
              className="flex max-w-64 items-center gap-2 rounded-lg bg-white px-3 py-2 text-left text-sm text-slate-800 ring-1 ring-slate-200 hover:ring-brand-500"
              data-testid="attachment-file"
            >
              <svg viewBox="0 0 24 24" className="h-5 w-5 shrink-0 text-slate-500" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
                <path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8l-5-5z" strokeLinejoin="round" />
                <path d="M14 3v5h5" strokeLinejoin="round" />
              </svg>
              <span className="min-w-0">
                <span className="block truncate font-medium">{file.fileName}</span>
                <span className="block text-xs text-slate-500">
                  {formatFileSize(file.sizeBytes)} · Download
                </span>
              </span>
            </a>
          </li>
        ),
      )}
    </ul>
  );
}
