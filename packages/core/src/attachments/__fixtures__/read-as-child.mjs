// Reads an attachment with the built package and prints the outcome as JSON: the unreadable-file
// test runs this as `nobody`, since root ignores file modes.
const [, , modulePath, filePath] = process.argv;
const { readAttachment } = await import(modulePath);
try {
  const block = await readAttachment(filePath);
  process.stdout.write(JSON.stringify({ ok: true, kind: Object.keys(block)[0] }));
} catch (error) {
  process.stdout.write(
    JSON.stringify({ ok: false, code: error.code, message: error.message, hint: error.hint }),
  );
}
