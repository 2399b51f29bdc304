/**
 * Imported first by the bin: the AWS SDK prints a multi-line NodeVersionSupportWarning on Node 20.
 * It goes to stderr, so it cannot corrupt the protocol, but it fills MCP client logs with noise.
 * A value the user set is kept.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
