import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { localizer } from './i18n/localizer.js';
import { createLogger } from './log.js';
import { StorageError } from './storage/storageError.js';
import { keepNewFilesPrivate } from './storage/openStorage.js';

// Wiring only: configuration, start, and a clean stop on signals.
try {
  // Customer data on disk is the bot's own: files 0600, folders 0700.
  keepNewFilesPrivate();
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log);
  log.info(`listening on ${app.url.replace('127.0.0.1', 'localhost')}`, {
    dataDir: config.dataDir,
    mode: config.bot ? 'authenticated' : 'emulator (no MicrosoftAppId)',
  });
  const stop = async (signal: string) => {
    log.info(`${signal}: stopping`);
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  // A JSON line like every other; the level the configuration names may be what failed. Known
  // causes get their message alone; anything else its error (with the stack) for whoever debugs it.
  const log = createLogger('info');
  if (error instanceof ConfigError)
    log.error(`Cannot start: ${error.message}`, { problems: error.problems });
  else if (error instanceof StorageError && error.code !== 'stateConflict')
    log.error(`Cannot start: ${error.message}`, { code: error.code });
  else if (isAddressInUse(error))
    log.error(`Cannot start: ${localizer('en').t('config.portInUse', { error: error.message })}`);
  else
    log.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`, { error });
  process.exit(1);
}

function isAddressInUse(error: unknown): error is Error {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}
