import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { z } from 'zod';
import { environmentWithFiles } from '../config.js';

/**
 * The Teams app package: manifest/ with its ${{VARIABLE}} placeholders filled from env/ (Teams
 * Toolkit style), the two icons and the localisation files, all at the zip's root.
 */

const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;
const manifestShape = z.object({
  icons: z.object({ color: z.string(), outline: z.string() }),
  localizationInfo: z.object({ additionalLanguages: z.array(z.object({ file: z.string() })) }).optional(),
});

export class MissingVariablesError extends Error {
  constructor(readonly stage: string, readonly variables: string[]) {
    super(`The app package for "${stage}" needs ${variables.join(', ')}: set them in env/.env.${stage} (or env/.env.${stage}.user, or the environment).`);
    this.name = 'MissingVariablesError';
  }
}

/** Fills placeholders, JSON-escaped; collects the names of those without a value. */
function fill(text: string, env: NodeJS.ProcessEnv, missing: Set<string>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = env[name]?.trim();
    if (!value) {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
}

/**
 * Single sign-on is optional: without AAD_APP_CLIENT_ID (the local stage, for the Playground)
 * the package has no webApplicationInfo, and the tab runs in development mode.
 */
function withoutUnusedSections(template: string, env: NodeJS.ProcessEnv): string {
  if (env.AAD_APP_CLIENT_ID?.trim()) return template;
  const manifest = JSON.parse(template) as Record<string, unknown>;
  delete manifest.webApplicationInfo;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export interface AppPackage {
  zipPath: string;
  /** file name → content, as zipped. */
  files: Map<string, Buffer>;
}

export function buildAppPackage(stage: string, root: string, env: NodeJS.ProcessEnv = process.env): AppPackage {
  if (!/^[a-z0-9-]+$/.test(stage)) throw new Error(`"${stage}" is not a stage name: use local, dev, …`);
  const variables = environmentWithFiles({ ...env, TEAMSFX_ENV: stage }, root);
  const manifestDir = path.join(root, 'manifest');
  const missing = new Set<string>();
  const manifestText = fill(withoutUnusedSections(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'), variables), variables, missing);
  const manifest = manifestShape.parse(JSON.parse(manifestText));
  const files = new Map<string, Buffer>([['manifest.json', Buffer.from(manifestText)]]);
  for (const file of manifest.localizationInfo?.additionalLanguages.map((l) => l.file) ?? []) {
    files.set(file, Buffer.from(fill(fs.readFileSync(path.join(manifestDir, file), 'utf8'), variables, missing)));
  }
  for (const icon of [manifest.icons.color, manifest.icons.outline]) files.set(icon, fs.readFileSync(path.join(manifestDir, icon)));
  if (missing.size > 0) throw new MissingVariablesError(stage, [...missing].sort());

  const zip = new AdmZip();
  for (const [name, content] of files) zip.addFile(name, content);
  const zipPath = path.join(root, 'build', `appPackage.${stage}.zip`);
  fs.mkdirSync(path.dirname(zipPath), { recursive: true });
  zip.writeZip(zipPath);
  return { zipPath, files };
}
