/**
 * Bedrock's rule for `DocumentBlock.name`: "alphanumeric characters, whitespace characters (no more
 * than one in a row), hyphens, parentheses, square brackets", length 1–200 (DocumentBlock, Bedrock
 * Runtime API reference, docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html).
 * Bedrock refuses dots, non-ASCII letters and tabs; it also takes underscores, but no document says
 * so, so names made here avoid them.
 */
export const MAX_DOCUMENT_NAME_LENGTH = 200;
const NOT_ALLOWED = /[^A-Za-z0-9 ()[\]-]+/g;
const FALLBACK_NAME = 'document';
/** A name Bedrock takes: the characters above (underscores too), never two spaces in a row. */
const BEDROCK_DOCUMENT_NAME = /^(?:[A-Za-z0-9_()[\]-]| (?! ))+$/;

/**
 * What is wrong with a document name by Bedrock's rule, or undefined when Bedrock takes it: for
 * names that did not come from {@link documentNameFor} (an imported conversation's documents).
 */
export function documentNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > MAX_DOCUMENT_NAME_LENGTH)
    return `a document name has 1–${MAX_DOCUMENT_NAME_LENGTH} characters (this one has ${name.length})`;
  if (!BEDROCK_DOCUMENT_NAME.test(name))
    return 'Bedrock takes only letters, digits, single spaces, hyphens, underscores, parentheses and square brackets in a document name';
  return undefined;
}

/**
 * A valid document name from a file name: the extension dropped (the block's `format` carries it),
 * accents folded (`résumé` → `resume`), every other character a space, spaces single, at most 200.
 * `Q3 report_final.v2.pdf` → `Q3 report final v2`.
 */
export function documentNameFor(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const name = stem
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(NOT_ALLOWED, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, MAX_DOCUMENT_NAME_LENGTH)
    .trim();
  return name === '' ? FALLBACK_NAME : name;
}

/** Bedrock refuses two documents of one name in a request: `report`, `report (2)`, `report (3)` … */
export function uniqueDocumentName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let copy = 2; ; copy += 1) {
    const suffix = ` (${copy})`;
    const candidate = `${name.slice(0, MAX_DOCUMENT_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
