import path from 'node:path';
import {
  importJobPartition,
  importJobSchema,
  importRowPartition,
  importRowSchema,
} from '../records/importJob.js';
import { PreloadedDocumentFolder } from './preloadedDocumentFolder.js';

/** Imports under DATA_DIR: the jobs (imports/) and their rows (import-rows/), loaded at start. */
export function openImportFolders(dataDir: string) {
  return {
    importJobs: PreloadedDocumentFolder.open(
      path.join(dataDir, 'imports'),
      importJobSchema,
      importJobPartition,
    ),
    importRows: PreloadedDocumentFolder.open(
      path.join(dataDir, 'import-rows'),
      importRowSchema,
      importRowPartition,
    ),
  };
}
