import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
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
  // Known causes get their message alone; anything else its stack, for whoever debugs it.
  const known =
    error instanceof ConfigError ||
    (error instanceof StorageError && error.code !== 'stateConflict');
  const text = known
    ? error.message
    : error instanceof Error
      ? (error.stack ?? error.message)
      : String(error);
  process.stderr.write(`Cannot start: ${text}\n`);
  process.exit(1);
}
