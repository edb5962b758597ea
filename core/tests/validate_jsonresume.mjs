// Validates JSON Resume files with the official package's own validator
// (@jsonresume/schema 1.3.1, installed in tests/node_modules by `bash scripts/tools.sh test`).
//
//   node core/tests/validate_jsonresume.mjs <file.json>...
//
// Prints one line per file ("ok <file>" or "FAIL <file>: <errors>"). Exit status: 0 all
// valid, 1 some invalid, 2 the package is missing (the message says how to install it).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'tests', 'package.json'));

let validator;
try {
  validator = require('@jsonresume/schema');
} catch (e) {
  console.error(`@jsonresume/schema is not installed under ${path.join(root, 'tests', 'node_modules')} (${e.code || e.message}). Run: bash scripts/tools.sh test`);
  process.exit(2);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate_jsonresume.mjs <file.json>...');
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`FAIL ${file}: not readable JSON: ${e.message}`);
    failed++;
    continue;
  }
  validator.validate(doc, (errors, valid) => {
    if (valid) {
      console.log(`ok ${file}`);
    } else {
      failed++;
      const list = (errors || []).map((err) => `${err.property} ${err.message}`).join('; ');
      console.log(`FAIL ${file}: ${list}`);
    }
  });
}
process.exit(failed ? 1 : 0);
