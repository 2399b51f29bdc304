// Re-renders the Markdown and SVG of a results JSON (e.g. after changing the report code) without
// measuring again. Usage: node src/scripts/render.mjs [results/latest.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RESULTS_DIR } from '../lib/bench-config.mjs';
import { evaluateGoals } from '../lib/goals.mjs';
import { renderMarkdown } from '../report/markdown.mjs';
import { renderSvg } from '../report/svg.mjs';

const file = process.argv[2] ?? join(RESULTS_DIR, 'latest.json');
const results = JSON.parse(readFileSync(file, 'utf8'));
results.goals = evaluateGoals(results);
const prefix = file.replace(/\.json$/, '');
writeFileSync(`${prefix}.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${prefix}.md`, renderMarkdown(results, { svgName: `${basename(prefix)}.svg` }));
writeFileSync(`${prefix}.svg`, renderSvg(results));
process.stderr.write(`rendered ${prefix}.{md,svg}\n`);
