import { authorize } from '../domain/roles.js';
import type { Result } from '../domain/result.js';
import type { DownloadProblem } from '../import/fileDownload.js';
import type { ImportJobs } from '../import/importJobs.js';
import {
  fileOverLimitText,
  fileProblemText,
  headerProblemText,
  importRefusalText,
  rowProblemText,
} from '../import/importText.js';
import { previewImport } from '../import/previewImport.js';
import type { ImportLimits } from '../import/readSpreadsheet.js';
import type { FileFormat } from '../import/writeSpreadsheet.js';
import type { MessageKey } from '../i18n/catalogues/en.js';
import type { Localizer } from '../i18n/localizer.js';
import { refusalText } from '../i18n/serviceMessages.js';
import { importPreviewCard, importProgressCard, type ImportLinks } from './cards/importCards.js';
import { textReply, type Reply, type Turn } from './turn.js';

/**
 * The bot's door to the import engine (src/import): a file sent in the personal chat is
 * downloaded at once, read, checked and kept as a job; its preview card asks for confirmation;
 * Start and Cancel act on the job. Progress and the summary reach the chat from
 * notifications/importProgress.ts.
 */
export interface ImportDoor {
  jobs: ImportJobs;
  download(url: string): Promise<Result<Uint8Array, DownloadProblem>>;
  limits: ImportLimits;
  /** Absolute links to the template, when the bot knows its public address. */
  templateUrl(language: string, format: FileFormat): string | undefined;
}

/** A file Teams gave the bot in the personal chat (a `file.download.info` attachment). */
export interface SentFile {
  name: string;
  downloadUrl: string;
}

function links(door: ImportDoor, i18n: Localizer): ImportLinks {
  const xlsx = door.templateUrl(i18n.language, 'xlsx');
  const csv = door.templateUrl(i18n.language, 'csv');
  return { ...(xlsx ? { templateXlsx: xlsx } : {}), ...(csv ? { templateCsv: csv } : {}) };
}

const DOWNLOAD_PROBLEMS = {
  hostNotAllowed: 'import.download.hostNotAllowed',
  downloadFailed: 'import.download.downloadFailed',
} as const satisfies Record<Exclude<DownloadProblem['code'], 'tooLarge'>, MessageKey>;

function downloadProblemText(i18n: Localizer, problem: DownloadProblem) {
  return problem.code === 'tooLarge'
    ? fileOverLimitText(i18n, problem.max)
    : i18n.t(DOWNLOAD_PROBLEMS[problem.code]);
}

/** A file in the personal chat: read it, check every row, keep it, show the preview. */
export async function importFile(turn: Turn, file: SentFile): Promise<Reply> {
  const door = turn.services.imports;
  const { i18n, user } = turn;
  if (!door) return textReply(i18n.t('unknown.text', { text: file.name }));
  const refusal = authorize(user, 'addCustomer');
  if (refusal) return textReply(refusalText(i18n, refusal));
  const downloaded = await door.download(file.downloadUrl);
  if (!downloaded.ok) return textReply(downloadProblemText(i18n, downloaded.error));
  const preview = await previewImport(downloaded.value, {
    jobs: door.jobs,
    customers: turn.services.customers,
    limits: door.limits,
    user,
    locale: i18n.locale,
    fileName: file.name,
    conversationKey: turn.conversationKey,
  });
  const templates = links(door, i18n);
  if (!preview.ok) {
    if (preview.error.kind === 'file')
      return textReply(fileProblemText(i18n, preview.error.problem));
    const lines = preview.error.problems.map((p) => `- ${headerProblemText(i18n, p)}`);
    const templateLine =
      templates.templateXlsx && templates.templateCsv
        ? [i18n.t('import.templates', { xlsx: templates.templateXlsx, csv: templates.templateCsv })]
        : [];
    return textReply(
      [i18n.t('import.headerProblems', { file: file.name }), ...lines, ...templateLine].join(
        '\n\n',
      ),
    );
  }
  const job = preview.value;
  const problems = (await door.jobs.rowsOf(job.jobId))
    .filter((row) => row.state === 'notReady')
    .map((row) => ({ line: row.line, text: rowProblemText(i18n, row) }));
  return {
    answers: [{ card: importPreviewCard(i18n, job, problems, templates) }],
    // The preview's message is the one progress updates later.
    cardMoved: (cardId) => door.jobs.attachCard(user.tenantId, job.jobId, cardId),
  };
}

/** A file in a group chat or channel: Teams gives the bot only a stub of it there. */
export function fileInSharedChat(turn: Turn): Promise<Reply> {
  const link = `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(turn.channel.botId)}`;
  return Promise.resolve(textReply(turn.i18n.t('import.groupChat', { link })));
}

/** Start: the partner confirmed the preview. The preview's card becomes the progress card. */
export async function startImport(turn: Turn, jobId: string): Promise<Reply> {
  const door = turn.services.imports;
  if (!door) return textReply(turn.i18n.t('card.stale'));
  const started = await door.jobs.start(turn.user, jobId);
  if (!started.ok) return textReply(importRefusalText(turn.i18n, started.error));
  const job = started.value;
  return {
    answers: [
      {
        card: importProgressCard(turn.i18n, job),
        replaces: job.progressActivityId,
        forEveryone: true,
      },
    ],
    ...(job.progressActivityId ? { cardId: job.progressActivityId } : {}),
    cardMoved: (cardId) => door.jobs.attachCard(turn.user.tenantId, jobId, cardId),
  };
}

/** Cancel: a previewed job is dropped; a running one stops its pending rows. */
export async function cancelImport(turn: Turn, jobId: string): Promise<Reply> {
  const door = turn.services.imports;
  if (!door) return textReply(turn.i18n.t('card.stale'));
  const cancelled = await door.jobs.cancel(turn.user, jobId);
  if (!cancelled.ok) return textReply(importRefusalText(turn.i18n, cancelled.error));
  return textReply(turn.i18n.t('import.cancelled'));
}

/** Typed "cancel" with no form under way: the import this chat started, if one is running. */
export async function cancelRunningImport(turn: Turn): Promise<Reply | undefined> {
  const door = turn.services.imports;
  const running = await door?.jobs.runningImport(turn.user.tenantId);
  if (!door || running?.conversationKey !== turn.conversationKey) return undefined;
  return cancelImport(turn, running.jobId);
}
