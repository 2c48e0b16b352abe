import type { Db } from "@/db/database";
import type { transactionalQueues } from "@/db/job-queue";
import { runDeliverMessageJob } from "@/lib/channels/delivery/deliver-outbound";
import type { DeliverMessageJob } from "@/lib/delivery/queue-message-delivery";
import type { SendMailJob } from "@/lib/delivery/queue-mail";
import { runSendMailJob } from "@/lib/delivery/send-queued-mail";

/** One job as a handler gets it: its data and where it stands in its retries. */
export type QueuedJob<T> = { id: string; data: T; retryCount: number; retryLimit: number };

/** A handler returns when the job is done; it throws to have pg-boss retry it (with its backoff) or fail it. */
export type JobHandler<T> = (context: { db: Db; job: QueuedJob<T> }) => Promise<unknown>;

/** Every queue an app transaction writes to, and what runs its jobs. */
export const jobHandlers: { [Q in (typeof transactionalQueues)[number]]: JobHandler<any> } = {
  "deliver-message": (({ db, job }) =>
    runDeliverMessageJob({ db, job: job.data, attempt: { retryCount: job.retryCount, retryLimit: job.retryLimit } })) satisfies JobHandler<DeliverMessageJob>,
  "send-mail": (({ db, job }) => runSendMailJob({ db, job: job.data })) satisfies JobHandler<SendMailJob>,
};
