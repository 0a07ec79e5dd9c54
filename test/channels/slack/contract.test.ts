import { runChannelContract } from '../contract.js';
import { openSlackHarness } from './slack-harness.js';

runChannelContract('slack', openSlackHarness);
