import { describe, expect, it } from 'vitest';
import { HAIKU_45, OPUS_47, refusal, request, SONNET_4 } from './__fixtures__/rule-fixtures.js';
import { structuredOutputSupported, textFormatSchemaRules, textFormatShape } from './output-rules.js';

const closed = { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false };
const withSchema = (schema: unknown, type: unknown = 'json_schema') =>
  request({
    outputConfig: {
      textFormat: {
        type,
        structure: { jsonSchema: { schema: typeof schema === 'string' ? schema : JSON.stringify(schema) } },
      },
    },
  });

describe('textFormatShape', () => {
  it("checks the type and the schema string as Smithy does, in Coral's words", () => {
    expect(refusal(textFormatShape, withSchema(closed))).toBeNull();
    expect(refusal(textFormatShape, withSchema(closed, 'json'))).toBe(
      "1 validation error detected: Value 'json' at 'outputConfig.textFormat.type' failed to satisfy constraint: Member must satisfy enum value set: [json_schema]",
    );
    expect(
      refusal(
        textFormatShape,
        request({ outputConfig: { textFormat: { type: 'json_schema', structure: {} } } }),
      ),
    ).toBe(
      "1 validation error detected: Value null at 'outputConfig.textFormat.structure.jsonSchema.schema' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('structuredOutputSupported', () => {
  it('refuses outputConfig.textFormat on a model without structured output', () => {
    expect(refusal(structuredOutputSupported, withSchema(closed), HAIKU_45)).toBeNull();
    for (const model of [SONNET_4, OPUS_47]) {
      expect(refusal(structuredOutputSupported, withSchema(closed), model)).toBe(
        'The model returned the following errors: output_config.format: Extra inputs are not permitted',
      );
    }
    expect(refusal(structuredOutputSupported, request(), SONNET_4)).toBeNull();
  });
});

describe('textFormatSchemaRules', () => {
  it.each([
    [
      { ...closed, additionalProperties: true },
      "For 'object' type, 'additionalProperties' must be explicitly set to false",
    ],
    [
      { type: 'object', properties: {} },
      "For 'object' type, 'additionalProperties' must be explicitly set to false",
    ],
    [
      { ...closed, properties: { tags: { type: 'array', items: { type: 'string' }, maxItems: 3 } } },
      "For 'array' type, property 'maxItems' is not supported",
    ],
    [
      { ...closed, properties: { age: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] } } },
      "For 'integer' type, property 'minimum' is not supported",
    ],
    [
      { ...closed, $defs: { name: { type: 'string', maxLength: 5 } } },
      "For 'string' type, property 'maxLength' is not supported",
    ],
  ])('refuses %j', (schema, message) => {
    expect(refusal(textFormatSchemaRules, withSchema(schema))).toBe(
      `The model returned the following errors: output_config.format.schema: ${message}`,
    );
  });

  it('takes a closed schema with formats, enums, unions and minItems 1, and refuses one that is not JSON', () => {
    const schema = {
      ...closed,
      properties: {
        at: { type: 'string', format: 'date-time' },
        kind: { enum: ['a', 'b'] },
        tags: { type: 'array', items: { type: ['string', 'null'] }, minItems: 1 },
      },
    };
    expect(refusal(textFormatSchemaRules, withSchema(schema))).toBeNull();
    expect(refusal(textFormatSchemaRules, withSchema('{not json'))).toBe(
      'The model returned the following errors: output_config.format.schema: Invalid JSON schema',
    );
  });
});
