/**
 * "How is this measured": one definition per metric, shown on the Analytics page and checked
 * by the tests, so the words and the SQL describe the same thing.
 *
 * The common idea: a conversation's history is split into cycles. A cycle begins with the
 * contact's first message (a conversation is new) or with the message that reopens a completed
 * conversation, and ends when the conversation is marked Complete.
 */
export const metricKeys = [
  "received",
  "firstResponse",
  "timeToComplete",
  "completed",
  "messagesSent",
  "openNow",
  "unassignedNow",
  "volumeByHour",
] as const;

export type MetricKey = (typeof metricKeys)[number];

export type MetricDefinition = { label: string; definition: string };

export const metricDefinitions: Record<MetricKey, MetricDefinition> = {
  received: {
    label: "Conversations received",
    definition:
      "Counted when a contact's first message of a conversation arrives within the period. A completed conversation that the contact reopens by writing again is received again, at the time of that message (counted as reopened). A conversation an agent started counts when the contact first answers. By channel: the channel of that first message. By agent: conversations assigned to the agent at some point before they were completed (or the period ended); a reassigned conversation counts for every agent who held it.",
  },
  firstResponse: {
    label: "First response time",
    definition:
      "Each time a conversation is received (new or reopened), the time from the contact's first message to the first reply by an agent, on any channel. Bot messages and status changes are not replies, and later back-and-forth is not counted. Counted in the period in which the reply was sent; conversations still waiting are left out until answered. Median: half were answered faster. 90th percentile: nine in ten were. By agent: the agent who replied. By channel: the channel the contact wrote on.",
  },
  timeToComplete: {
    label: "Time to complete",
    definition:
      "The time from the contact's first message (for a reopened conversation: the message that reopened it) to the moment the conversation was marked Complete. Counted in the period in which it was completed; conversations the contact never wrote in are left out. By agent: the assignee at completion, or whoever clicked Complete if it was unassigned. By channel: the channel the contact wrote on.",
  },
  completed: {
    label: "Conversations completed",
    definition:
      "How many times a conversation was marked Complete within the period; a conversation reopened and completed again counts each time. By agent: the assignee at completion, or whoever clicked Complete if it was unassigned.",
  },
  messagesSent: {
    label: "Messages sent",
    definition:
      "Messages written by agents within the period, on any channel. Bot and automation messages and status changes are not counted. By channel: the channel the message went through.",
  },
  openNow: {
    label: "Open now",
    definition:
      "Conversations that are not complete right now, whatever the period. By agent: those assigned to the agent. By channel: the channel the contact last wrote on.",
  },
  unassignedNow: {
    label: "Unassigned now",
    definition: "Open conversations that no agent owns right now, whatever the period. Not shown when the report is narrowed to agents.",
  },
  volumeByHour: {
    label: "Volume by hour of day",
    definition:
      "Conversations received and messages sent by agents in each hour of the day, in the report's time zone, added up over every day of the period.",
  },
};
