// Prints jest's result as the plain closing line CI reads: "N passed, N failed".
const fs = require('fs');
const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`CI: ${file} is missing: the test run did not complete`);
  process.exit(1);
}
const head = fs.readFileSync(file, 'utf8').match(/<testsuites\b[^>]*>/);
const attr = (name) => Number((head && head[0].match(new RegExp(`\\b${name}="(\\d+)"`)) || [0, 0])[1]);
const total = attr('tests');
const failed = attr('failures') + attr('errors');
const skipped = attr('skipped');
console.log(`${total - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || total === 0 ? 1 : 0);
