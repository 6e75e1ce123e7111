export { type Catalog, type CatalogEntry, type CatalogEvent, readCatalog } from './catalog.js';
export {
  CodegenError,
  type CodegenErrorCode,
  isCodegenError,
} from './codegen-error.js';
export { generate, generateFromFile } from './generate.js';
export { loadCatalog } from './load-catalog.js';
export {
  type CatalogFormat,
  type FormatMode,
  formatCommand,
  type GenerateOptions,
} from './options.js';
