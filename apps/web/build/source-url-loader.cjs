// Turbopack loader for workspace packages that find their own files with
// `new URL('../folder', import.meta.url)` (e.g. @receptionist/db's migrations folder). Turbopack treats
// that pattern as a bundled asset and fails on a directory, and inside a bundle import.meta.url would no
// longer point at the package anyway. Pinning it to the source file's URL keeps the lookup on disk.
const { pathToFileURL } = require('node:url');

module.exports = function sourceUrlLoader(source) {
  const fileUrl = JSON.stringify(pathToFileURL(this.resourcePath).href);
  return source.replace(/new URL\(([^()]*?),\s*import\.meta\.url\s*\)/g, (_match, target) => {
    return `new URL(${target}, ${fileUrl})`;
  });
};
