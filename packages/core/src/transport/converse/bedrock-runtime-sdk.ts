// The three things core takes from @aws-sdk/client-bedrock-runtime, named so that a bundler
// (the CLI's) keeps only them: importing the whole module namespace would keep every command,
// the aggregated client and the bidirectional-streaming middleware.
export {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
