import type { CommandContext } from '../cli-deps.js';
import type { CommandHandlers } from '../program.js';

/** The real handlers: each loads its command module on first use, so start-up stays small. */
export function createHandlers(context: CommandContext): CommandHandlers {
  return {
    ask: async (prompt, options) => (await import('./ask.js')).runAsk(context, prompt, options),
    chat: async (options) => (await import('./chat.js')).runChat(context, options),
    conversationsList: async (options) =>
      (await import('./conversations.js')).runConversationsList(context, options),
    conversationsShow: async (id, options) =>
      (await import('./conversations.js')).runConversationsShow(context, id, options),
    conversationsRename: async (id, title) =>
      (await import('./conversations.js')).runConversationsRename(context, id, title),
    conversationsRemove: async (id) =>
      (await import('./conversations.js')).runConversationsRemove(context, id),
    conversationsExport: async (id, options) =>
      (await import('./conversations.js')).runConversationsExport(context, id, options),
    conversationsImport: async (file, options) =>
      (await import('./conversations.js')).runConversationsImport(context, file, options),
    models: async (options) => (await import('./models.js')).runModels(context, options),
    doctor: async (options) => (await import('./doctor.js')).runDoctor(context, options),
    configList: async (options) => (await import('./config.js')).runConfigList(context, options),
    configGet: async (key) => (await import('./config.js')).runConfigGet(context, key),
    configSet: async (key, value) => (await import('./config.js')).runConfigSet(context, key, value),
    configUnset: async (key) => (await import('./config.js')).runConfigUnset(context, key),
    storeInit: async (options) => (await import('./store-init.js')).runStoreInit(context, options),
    mcpAdd: async (name, target, args, options) =>
      (await import('./mcp.js')).runMcpAdd(context, name, target, args, options),
    mcpList: async (options) => (await import('./mcp.js')).runMcpList(context, options),
    mcpRemove: async (name) => (await import('./mcp.js')).runMcpRemove(context, name),
  };
}
