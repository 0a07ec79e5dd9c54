/** The Discord channel: adapter, configuration and the slash-command registration. */
export { createDiscordAdapter, type DiscordAdapterOptions } from './discord-adapter.js';
export { discordConfigFromEnv, discordCredentialsFromEnv, type DiscordConfig, type DiscordCredentials } from './config.js';
export { runDiscordRegisterCommand } from './register-command.js';
