import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { importTemplate } from '../import/writeSpreadsheet.js';
import { localizer } from '../i18n/localizer.js';

/**
 * The import template, in XLSX or CSV, with headers in the asked language: linked from the bot's
 * import cards and the tab. It holds no data, so it needs no sign-in; it is the same for everyone.
 */
const querySchema = z.object({ lang: z.string().max(35).optional().catch(undefined) });
const FORMATS = { 'template.xlsx': 'xlsx', 'template.csv': 'csv' } as const;

/** Where the template is: `${base}/import/template.xlsx?lang=fr`. */
export const templatePath = (format: 'xlsx' | 'csv', language: string): string =>
  `/import/template.${format}?lang=${encodeURIComponent(language)}`;

export function registerImportTemplateRoute(server: Server): void {
  for (const [name, format] of Object.entries(FORMATS)) {
    server.get(`/import/${name}`, async (req: Request, res: Response) => {
      const lang = querySchema.safeParse(req.query).data?.lang;
      const file = await importTemplate(localizer(lang), format);
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.name}"`,
        'Content-Length': file.bytes.length,
        'Cache-Control': 'public, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(file.bytes);
    });
  }
}
