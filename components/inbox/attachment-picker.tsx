"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { channelAttachmentRefusal } from "@/lib/attachments/channel-attachment-rules";
import { formatFileSize } from "@/lib/attachments/file-size";
import type { MessageAttachment } from "@/lib/attachments/message-attachments";
import type { Channel } from "@/lib/message-channels/message-channels";

type Upload = {
  key: string;
  name: string;
  size: number;
  /** 0–100 while it uploads. */
  progress: number;
  status: "uploading" | "ready" | "failed";
  error?: string;
  file?: MessageAttachment;
};

/** Uploads one file to the composer's upload route, reporting progress; resolves with the stored attachment or the refusal. */
function uploadFile(file: File, onProgress: (percent: number) => void): Promise<{ ok: true; file: MessageAttachment } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/files");
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name || "file"));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: { attachment?: MessageAttachment; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      if (xhr.status === 201 && body.attachment) resolve({ ok: true, file: body.attachment });
      else resolve({ ok: false, error: body.error ?? `The upload failed (${xhr.status}). Try again.` });
    };
    xhr.onerror = () => resolve({ ok: false, error: "Network problem: the file was not uploaded. Try again." });
    xhr.send(file);
  });
}

/**
 * The composer's attachments (SPEC §5): "Attach" opens a file picker; pasting into the message or
 * dropping onto the composer attaches too. Each file uploads at once (with progress) and is sent
 * with the reply as a hidden `attachmentIds` field; the channel's limits show before sending.
 * Mounted inside the composer's form; clears after a successful send.
 */
export function AttachmentPicker({
  channel,
  sent,
  onUploadingChange,
}: {
  channel: Channel | null;
  /** The composer's last action state: a new successful one means the files went out. */
  sent: { ok?: boolean };
  onUploadingChange: (uploading: boolean) => void;
}) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (sent.ok) setUploads([]);
  }, [sent]);

  const uploading = uploads.some((u) => u.status === "uploading");
  useEffect(() => onUploadingChange(uploading), [uploading, onUploadingChange]);

  const attach = useCallback((files: FileList | File[]) => {
    const update = (key: string, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
    for (const file of Array.from(files)) {
      const key = `${Date.now()}-${Math.random()}`;
      setUploads((list) => [...list, { key, name: file.name || "file", size: file.size, progress: 0, status: "uploading" }]);
      void uploadFile(file, (progress) => update(key, { progress })).then((result) =>
        update(key, result.ok ? { status: "ready", progress: 100, file: result.file, name: result.file.fileName } : { status: "failed", error: result.error }),
      );
    }
  }, []);

  // Paste and drop anywhere on the composer's form.
  useEffect(() => {
    const form = root.current?.closest("form");
    if (!form) return;
    const onPaste = (e: ClipboardEvent) => {
      const files = e.clipboardData?.files;
      if (files && files.length > 0) {
        e.preventDefault();
        attach(files);
      }
    };
    const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    const onDragOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const onDragLeave = (e: DragEvent) => {
      if (!form.contains(e.relatedTarget as Node | null)) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      setDragging(false);
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      attach(e.dataTransfer.files);
    };
    form.addEventListener("paste", onPaste);
    form.addEventListener("dragover", onDragOver);
    form.addEventListener("dragleave", onDragLeave);
    form.addEventListener("drop", onDrop);
    return () => {
      form.removeEventListener("paste", onPaste);
      form.removeEventListener("dragover", onDragOver);
      form.removeEventListener("dragleave", onDragLeave);
      form.removeEventListener("drop", onDrop);
    };
  }, [attach]);

  const ready = uploads.flatMap((u) => (u.status === "ready" && u.file ? [u.file] : []));
  const channelProblem = channel ? channelAttachmentRefusal(channel, ready) : null;

  return (
    <div ref={root} className={`mt-2 rounded-md ${dragging ? "outline-2 outline-dashed outline-brand-500" : ""}`}>
      {ready.map((file) => (
        <input key={file.id} type="hidden" name="attachmentIds" value={file.id} />
      ))}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => input.current?.click()}
          className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
          title="Attach files (or paste, or drop them here)"
        >
          <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
            <path d="M20.5 11.5l-8.3 8.3a5 5 0 0 1-7-7l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          Attach
        </button>
        <input
          ref={input}
          type="file"
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-label="Attach files"
          onChange={(e) => {
            if (e.target.files) attach(e.target.files);
            e.target.value = "";
          }}
        />
        {uploads.length === 0 ? <span className="text-xs text-slate-500">or paste or drop files here</span> : null}
        <ul className="flex flex-wrap gap-2" aria-label="Attached files">
          {uploads.map((u) => (
            <li
              key={u.key}
              className={`flex max-w-72 items-center gap-2 rounded-md px-2 py-1 text-xs ring-1 ${u.status === "failed" ? "bg-red-50 text-red-800 ring-red-200" : "bg-slate-50 text-slate-700 ring-slate-200"}`}
              data-testid="attached-file"
              data-status={u.status}
            >
              {u.file?.thumbnailUrl ? <img src={u.file.thumbnailUrl} alt="" width={24} height={24} className="h-6 w-6 rounded object-cover" /> : null}
              <span className="min-w-0">
                <span className="block truncate font-medium">{u.name}</span>
                <span className="block">
                  {u.status === "uploading" ? (
                    <span role="progressbar" aria-label={`Uploading ${u.name}`} aria-valuenow={u.progress} aria-valuemin={0} aria-valuemax={100}>
                      Uploading… {u.progress}%
                    </span>
                  ) : u.status === "failed" ? (
                    <span role="alert">{u.error}</span>
                  ) : (
                    formatFileSize(u.file?.sizeBytes ?? u.size)
                  )}
                </span>
              </span>
              <button
                type="button"
                onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                className="rounded px-1 text-slate-500 hover:bg-slate-200"
                aria-label={`Remove ${u.name}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </div>
      {channelProblem ? (
        <p className="mt-1 text-sm text-amber-700" role="status" data-testid="attachment-channel-problem">
          {channelProblem}
        </p>
      ) : null}
    </div>
  );
}
