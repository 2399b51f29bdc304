import { describe, expect, it } from 'vitest';
import { parseToolDirectives } from './tool-directives.js';

const offered = new Set(['list_files', 'weather']);

describe('parseToolDirectives', () => {
  it('reads `use <tool> <json>` calls of one step, with or without input', () => {
    expect(parseToolDirectives('Please use weather {"city": "Paris"} and use list_files.', offered)).toEqual([
      {
        calls: [
          { name: 'weather', input: { city: 'Paris' } },
          { name: 'list_files', input: {} },
        ],
        repeats: false,
      },
    ]);
  });

  it('starts a new step at `then`, and ignores a `then` before any call', () => {
    expect(parseToolDirectives('then use weather then Use list_files {"path":"."}', offered)).toEqual([
      { calls: [{ name: 'weather', input: {} }], repeats: false },
      { calls: [{ name: 'list_files', input: { path: '.' } }], repeats: false },
    ]);
  });

  it('marks a step written with `keep using` as repeating', () => {
    expect(parseToolDirectives('keep using weather {"city":"Oslo"}', offered)).toEqual([
      { calls: [{ name: 'weather', input: { city: 'Oslo' } }], repeats: true },
    ]);
  });

  it('calls a tool that is not offered only when given an input object', () => {
    expect(parseToolDirectives('use the force, use reuse; reuse weather', offered)).toEqual([]);
    expect(parseToolDirectives('use nosuch_tool {}', offered)).toEqual([
      { calls: [{ name: 'nosuch_tool', input: {} }], repeats: false },
    ]);
  });

  it('skips braces and keywords inside the JSON, and falls back to {} for an offered tool when it does not parse', () => {
    expect(parseToolDirectives('use weather {"note":"use list_files then {x}"}', offered)).toEqual([
      { calls: [{ name: 'weather', input: { note: 'use list_files then {x}' } }], repeats: false },
    ]);
    expect(parseToolDirectives('use weather {not json}', offered)).toEqual([
      { calls: [{ name: 'weather', input: {} }], repeats: false },
    ]);
  });

  it('takes `server:tool`, the name people see, and calls the wire name `server__tool`', () => {
    const mcp = new Set(['fs__list_directory']);
    expect(parseToolDirectives('use fs:list_directory {"path":"./notes"}', mcp)).toEqual([
      { calls: [{ name: 'fs__list_directory', input: { path: './notes' } }], repeats: false },
    ]);
    expect(parseToolDirectives('use fs:list_directory', mcp)).toEqual([
      { calls: [{ name: 'fs__list_directory', input: {} }], repeats: false },
    ]);
  });
});
