import { TableClient } from '@azure/data-tables';
import type { AzureAccount } from '../ports/storageBackend.js';
import { credentialFor } from './credential.js';
import { statusCode } from './storageErrors.js';

/**
 * A table client for the configured storage account, the table created when missing. Plain
 * http is allowed only for a loopback endpoint (Azurite in tests and local runs), and only with a
 * connection string: an identity's token goes over https alone.
 */
export async function openTable(account: AzureAccount, tableName: string): Promise<TableClient> {
  const client =
    'connectionString' in account
      ? TableClient.fromConnectionString(account.connectionString, tableName, {
          allowInsecureConnection: usesLoopbackHttp(account.connectionString),
        })
      : new TableClient(account.tableUrl, tableName, credentialFor(account.clientId));
  try {
    await client.createTable();
  } catch (error) {
    if (statusCode(error) !== 409) throw error;
  }
  return client;
}

function usesLoopbackHttp(connectionString: string): boolean {
  return (
    /(?:^|;)\s*\w*Endpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(connectionString) ||
    /UseDevelopmentStorage=true/i.test(connectionString)
  );
}
