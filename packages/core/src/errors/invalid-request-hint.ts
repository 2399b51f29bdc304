/** Bedrock's names of the sampling settings in a model's refusal, and ours (Converse's). */
const SETTING_NAMES: Readonly<Record<string, string>> = {
  temperature: 'temperature',
  top_p: 'topP',
  top_k: 'topK',
};

const GENERIC_HINT = 'Fix the part of the request named above and try again.';

/**
 * What to change after a ValidationException that fits no better code: the setting to leave out
 * when the model refused a sampling setting ("`temperature` is deprecated for this model",
 * "`temperature` and `top_p` cannot both be specified for this model"), else the generic advice.
 */
export function invalidRequestHint(raw: string): string {
  const deprecated = /`?(temperature|top_p|top_k)`? is deprecated for this model/i.exec(raw)?.[1];
  if (deprecated !== undefined) {
    const setting = SETTING_NAMES[deprecated.toLowerCase()] ?? deprecated;
    // Only temperature has a configured default (config file, BEDROCK_CHAT_TEMPERATURE).
    const configured = setting === 'temperature' ? ', and unset a configured default temperature' : '';
    return `This model accepts no ${setting}: leave it out${configured}.`;
  }
  if (/`?temperature`? and `?top_p`? cannot both be specified/i.test(raw)) {
    return 'This model accepts temperature or topP, not both: leave one of them out.';
  }
  return GENERIC_HINT;
}
