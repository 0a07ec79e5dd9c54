/** The Slack channel's public API: the adapter factory and its configuration from the environment. */
export { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './slack-adapter.js';
export { slackConfigFromEnv, DEFAULT_RETRY, type SlackConfig, type SlackMode, type SlackRetryPolicy } from './config.js';
