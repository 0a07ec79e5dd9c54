import { runChannelContract } from '../contract.js';
import { openConsoleHarness } from './console-harness.js';

runChannelContract('console', openConsoleHarness);
