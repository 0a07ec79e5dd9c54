/**
 * The fields of Slack's event and interaction payloads deskbot reads, checked with zod instead of cast: a payload
 * without them breaks Slack's format and is skipped with a log line (see slack-adapter.ts). Other fields stay.
 */
import { z } from 'zod';

/** A `message` or `app_mention` event. */
export const postEventShape = z.looseObject({
  type: z.string(),
  subtype: z.string().optional(),
  channel: z.string(),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  files: z.array(z.looseObject({ id: z.string().optional(), name: z.string().optional(), title: z.string().optional(), permalink: z.string().optional() })).optional(),
});

/** A post event as deskbot reads it. */
export type SlackPostEvent = z.infer<typeof postEventShape>;

/** The body of a block action (a button press or a select). */
export const actionBodyShape = z.looseObject({
  user: z.looseObject({ id: z.string(), name: z.string().optional() }),
  channel: z.looseObject({ id: z.string() }).optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional(), text: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
});

/** An action body as deskbot reads it. */
export type ActionBody = z.infer<typeof actionBodyShape>;

/** The pressed button or picked option inside a block action. */
export const pressedActionShape = z.looseObject({
  action_id: z.string(),
  action_ts: z.string().optional(),
  value: z.string().optional(),
  text: z.looseObject({ text: z.string() }).optional(),
  selected_option: z.looseObject({ value: z.string(), text: z.looseObject({ text: z.string() }) }).optional(),
});

/** A pressed action as deskbot reads it. */
export type PressedAction = z.infer<typeof pressedActionShape>;

/** A message shortcut ("Suggest as answer"): who used it, on which message, in which channel. */
export const messageShortcutShape = z.looseObject({
  user: z.looseObject({ id: z.string() }),
  channel: z.looseObject({ id: z.string() }),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional(), text: z.string().optional() }),
});

/** A message shortcut as deskbot reads it. */
export type MessageShortcut = z.infer<typeof messageShortcutShape>;
