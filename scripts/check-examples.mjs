// `npm run docs` (part of `npm test`): every public export has an @example in its TSDoc.
// Reads the JSON model TypeDoc writes beside the HTML (typedoc.json: "json").
import { readFileSync } from 'node:fs';

const model = JSON.parse(readFileSync('docs/api/api.json', 'utf8'));
const hasExample = (reflection) =>
  [reflection.comment, ...(reflection.signatures ?? []).map((signature) => signature.comment)].some(
    (comment) => (comment?.blockTags ?? []).some((tag) => tag.tag === '@example'),
  );
const missing = model.children.flatMap((entry) =>
  (entry.children ?? [])
    .filter((reflection) => !hasExample(reflection))
    .map((reflection) => `${entry.name}: ${reflection.name}`),
);
if (missing.length > 0) {
  console.error(`${missing.length} public exports have no @example:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
const count = model.children.reduce((sum, entry) => sum + (entry.children?.length ?? 0), 0);
console.log(`every public export (${count}) has an @example`);
