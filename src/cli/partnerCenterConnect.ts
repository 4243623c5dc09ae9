import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { systemClock } from '../domain/clock.js';
import { localizer } from '../i18n/localizer.js';
import { createLogger } from '../log.js';
import { REFRESH_TOKEN_KEY } from '../partnerCenter/connection.js';
import { refreshTokenByDeviceCode } from '../partnerCenter/deviceCode.js';
import { httpTokenEndpoint } from '../partnerCenter/refreshToken.js';
import { keepNewFilesPrivate, openStorage } from '../storage/openStorage.js';

/**
 * npm run partner-center:connect: the first refresh token for PARTNER_CENTER=api, by the device
 * code sign-in, kept where the bot keeps every newer one (the storage backend's secrets). It
 * reads the bot's own variables and env files, as api mode would; the token is never printed.
 */

const i18n = localizer('en');

try {
  // As the bot does: what it writes under DATA_DIR is its user's alone (files 0600).
  keepNewFilesPrivate();
  const config = loadConfig({ ...process.env, PARTNER_CENTER: 'api' });
  const partnerCenter = config.partnerCenter;
  if (!partnerCenter) throw new Error('PARTNER_CENTER=api was not taken');
  const refreshToken = await refreshTokenByDeviceCode(partnerCenter, httpTokenEndpoint, (code) => {
    console.log(i18n.t('cli.connectSignIn', { tenant: partnerCenter.tenantId }));
    console.log(code.message ?? `${code.verificationUri}  ${code.userCode}`);
    console.log(i18n.t('cli.connectWaiting', { minutes: Math.ceil(code.expiresInSeconds / 60) }));
  });
  const storage = await openStorage(config, createLogger('warn'), systemClock);
  try {
    await storage.secrets.update(REFRESH_TOKEN_KEY, () => ({
      key: REFRESH_TOKEN_KEY,
      value: refreshToken,
      keptAt: systemClock().toISOString(),
    }));
  } finally {
    await storage.close();
  }
  const where =
    config.storage.kind === 'lowdb'
      ? path.join(config.dataDir, 'secrets')
      : 'the eduSecrets table of the storage account';
  console.log(i18n.t('cli.connectKept', { where }));
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(
    error instanceof ConfigError
      ? i18n.t('cli.connectSettings', { problems: reason })
      : i18n.t('cli.connectFailed', { reason }),
  );
  process.exit(1);
}
