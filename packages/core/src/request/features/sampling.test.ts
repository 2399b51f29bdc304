import { describe, expect, it } from 'vitest';
import { findModelByBaseId } from '../../models/model-catalog.js';
import type { ModelInfo } from '../../models/model-info.js';
import { dropRefusedSampling } from './sampling.js';

function model(baseModelId: string): ModelInfo {
  const info = findModelByBaseId(baseModelId);
  if (!info) throw new Error(`${baseModelId} is not in the catalogue`);
  return info;
}
const haiku35 = model('anthropic.claude-3-5-haiku-20241022-v1:0');
const haiku45 = model('anthropic.claude-haiku-4-5-20251001-v1:0');
const opus41 = model('anthropic.claude-opus-4-1-20250805-v1:0');
const sonnet46 = model('anthropic.claude-sonnet-4-6');
const opus46 = model('anthropic.claude-opus-4-6-v1');
const opus47 = model('anthropic.claude-opus-4-7');

const both = { temperature: 0.5, topP: 0.9, temperatureIsDefault: false };

describe('dropRefusedSampling', () => {
  it('sends temperature and topP together to a model that takes both, or to an unknown model', () => {
    expect(dropRefusedSampling(both, haiku35)).toEqual({ temperature: 0.5, topP: 0.9, warnings: [] });
    expect(dropRefusedSampling(both, undefined)).toEqual({ temperature: 0.5, topP: 0.9, warnings: [] });
  });

  it('keeps the temperature and drops topP on Opus 4.1 and the 4.5 and 4.6 models, saying so', () => {
    for (const info of [haiku45, opus41, sonnet46, opus46]) {
      expect(dropRefusedSampling(both, info)).toEqual({
        temperature: 0.5,
        topP: undefined,
        warnings: [`${info.name} does not accept temperature and topP together; topP (0.9) was not sent.`],
      });
    }
  });

  it('drops a configured default temperature rather than the topP of the call', () => {
    expect(dropRefusedSampling({ ...both, temperatureIsDefault: true }, haiku45)).toEqual({
      temperature: undefined,
      topP: 0.9,
      warnings: [
        'Claude Haiku 4.5 does not accept temperature and topP together; the configured temperature (0.5) was not sent.',
      ],
    });
  });

  it('sends either alone to those models without a word', () => {
    expect(dropRefusedSampling({ ...both, topP: undefined }, haiku45).warnings).toEqual([]);
    expect(dropRefusedSampling({ ...both, temperature: undefined }, haiku45).warnings).toEqual([]);
  });

  it('drops every sampling setting on a model that takes none, naming each', () => {
    expect(dropRefusedSampling({ ...both, topP: undefined }, opus47)).toEqual({
      temperature: undefined,
      topP: undefined,
      warnings: ['Claude Opus 4.7 does not accept a temperature; it was not sent.'],
    });
    expect(dropRefusedSampling({ ...both, temperature: undefined }, opus47)).toEqual({
      temperature: undefined,
      topP: undefined,
      warnings: ['Claude Opus 4.7 does not accept topP; it was not sent.'],
    });
    expect(dropRefusedSampling(both, opus47)).toEqual({
      temperature: undefined,
      topP: undefined,
      warnings: [
        'Claude Opus 4.7 does not accept a temperature; it was not sent.',
        'Claude Opus 4.7 does not accept topP; it was not sent.',
      ],
    });
    expect(
      dropRefusedSampling({ ...both, temperature: undefined, topP: undefined }, opus47).warnings,
    ).toEqual([]);
  });
});
