// What core takes from @aws-sdk/client-bedrock, named so that a bundler keeps only these (the
// control-plane client has a few hundred commands; a namespace import would keep them all).
export {
  BedrockClient,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
