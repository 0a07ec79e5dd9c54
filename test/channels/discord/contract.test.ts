import { runChannelContract } from '../contract.js';
import { openDiscordHarness } from './discord-harness.js';

runChannelContract('discord', openDiscordHarness);
