import type { ToolResultBlock } from '@bedrock-chat/core';

type ToolResultContent = ToolResultBlock['toolResult']['content'];
type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** The parts of an MCP `CallToolResult` we read (spec 2025-11-25, `ContentBlock`). */
export interface McpCallResult {
  readonly content?: readonly unknown[] | undefined;
  readonly structuredContent?: unknown;
  readonly isError?: boolean | undefined;
  /** Older servers (protocol 2024-10-07) answer `{ toolResult }`. */
  readonly toolResult?: unknown;
}

// Converse images take these four (ImageBlock.format); other images are described in text.
const IMAGE_FORMATS: Readonly<Record<string, ImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function approxBytes(base64: string): number {
  return Math.floor((base64.length * 3) / 4);
}

function resourceBlock(resource: Record<string, unknown>): ToolResultContent[number] {
  const uri = text(resource.uri) ?? '(no uri)';
  const body = text(resource.text);
  if (body !== undefined) return { text: `Resource ${uri}:\n${body}` };
  const blob = text(resource.blob) ?? '';
  const mime = text(resource.mimeType) ?? 'binary';
  return { text: `[Resource ${uri}: ${mime}, about ${approxBytes(blob)} bytes, not shown]` };
}

/** One MCP content block as Converse tool-result content. */
function contentBlock(block: unknown): ToolResultContent[number] {
  const item = record(block) ?? {};
  switch (item.type) {
    case 'text':
      return { text: text(item.text) ?? '' };
    case 'image': {
      const data = text(item.data) ?? '';
      const mime = (text(item.mimeType) ?? '').toLowerCase();
      const format = IMAGE_FORMATS[mime];
      if (format !== undefined && data !== '' && BASE64.test(data)) {
        return { image: { format, source: { bytes: data } } };
      }
      return {
        text: `[Image ${mime || 'of unknown type'}, about ${approxBytes(data)} bytes: not a format Bedrock takes]`,
      };
    }
    case 'audio':
      return {
        text: `[Audio ${text(item.mimeType) ?? ''}, about ${approxBytes(text(item.data) ?? '')} bytes, not shown]`,
      };
    case 'resource':
      return resourceBlock(record(item.resource) ?? {});
    case 'resource_link':
      return { text: `[Resource link: ${text(item.name) ?? ''} ${text(item.uri) ?? ''}]`.replace('  ', ' ') };
    default:
      return { text: `[Unsupported content: ${JSON.stringify(item.type ?? null)}]` };
  }
}

/**
 * An MCP tool result as tool-result content: text as text, PNG/JPEG/GIF/WebP images as images,
 * embedded text resources as text, anything else described in one line (the model learns it was
 * there). Without content, `structuredContent` becomes a `json` block.
 */
export function toolResultContent(result: McpCallResult): ToolResultContent {
  const blocks = (result.content ?? []).map(contentBlock);
  if (blocks.length > 0) return blocks;
  if (result.structuredContent !== undefined) return [{ json: result.structuredContent }];
  if (result.toolResult !== undefined) return [{ json: result.toolResult }];
  return [];
}

/** The text of an error result, for the error the loop turns into `status: 'error'`. */
export function errorText(result: McpCallResult): string {
  const texts = toolResultContent(result).flatMap((block) => ('text' in block ? [block.text] : []));
  return texts.join('\n').trim() || 'The tool reported an error without a message.';
}
