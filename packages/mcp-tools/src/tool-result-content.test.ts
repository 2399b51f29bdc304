import { describe, expect, it } from 'vitest';
import { errorText, toolResultContent } from './tool-result-content.js';

describe('toolResultContent', () => {
  it('maps text, images and embedded resources', () => {
    expect(
      toolResultContent({
        content: [
          { type: 'text', text: '[FILE] a.txt' },
          { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
          { type: 'resource', resource: { uri: 'file:///n/a.txt', text: 'hello' } },
        ],
      }),
    ).toEqual([
      { text: '[FILE] a.txt' },
      { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } },
      { text: 'Resource file:///n/a.txt:\nhello' },
    ]);
  });

  it('describes what Bedrock cannot take, so the model knows it was there', () => {
    expect(
      toolResultContent({
        content: [
          { type: 'image', data: 'AAAA', mimeType: 'image/svg+xml' },
          { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
          { type: 'resource_link', name: 'readme', uri: 'file:///r.md' },
          { type: 'resource', resource: { uri: 'file:///b.bin', blob: 'AAAA', mimeType: 'application/zip' } },
        ],
      }),
    ).toEqual([
      { text: '[Image image/svg+xml, about 3 bytes: not a format Bedrock takes]' },
      { text: '[Audio audio/wav, about 3 bytes, not shown]' },
      { text: '[Resource link: readme file:///r.md]' },
      { text: '[Resource file:///b.bin: application/zip, about 3 bytes, not shown]' },
    ]);
  });

  it('uses structuredContent when there is no content', () => {
    expect(toolResultContent({ content: [], structuredContent: { sum: 3 } })).toEqual([{ json: { sum: 3 } }]);
    expect(toolResultContent({})).toEqual([]);
  });

  it('gives the text of an error result', () => {
    expect(errorText({ isError: true, content: [{ type: 'text', text: 'Access denied' }] })).toBe(
      'Access denied',
    );
    expect(errorText({ isError: true, content: [] })).toBe('The tool reported an error without a message.');
  });
});
