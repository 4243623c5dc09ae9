import {
  DefaultAzureCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';

const credentials = new Map<string, TokenCredential>();

/**
 * The identity the bot reaches Azure Storage with, one per process: a user-assigned managed
 * identity when its client id is given (App Service, Container Apps: no secret anywhere), else
 * DefaultAzureCredential's chain (a developer's `az login`, a workload identity). Tokens are
 * cached and renewed by the credential.
 */
export function credentialFor(clientId: string | undefined): TokenCredential {
  const key = clientId ?? '';
  let credential = credentials.get(key);
  if (!credential) {
    credential = clientId
      ? new ManagedIdentityCredential({ clientId })
      : new DefaultAzureCredential();
    credentials.set(key, credential);
  }
  return credential;
}
