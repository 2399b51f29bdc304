import type { ConfigOptions } from '@bedrock-chat/core';
import type { CliIo } from './cli-io.js';
import type { ConnectionFlags } from './cli-options.js';

/**
 * Config options from flags for core's resolveConfig / createChatClient / listModels. Flags win;
 * core then takes the environment, `.env` in the working directory, the config file and defaults.
 */
export function clientOptions(io: CliIo, flags: ConnectionFlags): ConfigOptions {
  return {
    region: flags.region,
    profile: flags.profile,
    endpointUrl: flags.endpointUrl,
    env: io.env,
    dotenvDir: io.cwd,
  };
}
