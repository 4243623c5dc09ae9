import { TableClient } from '@azure/data-tables';
import { statusCode } from './storageErrors.js';

/**
 * A table client for the configured storage account, the table created when missing. Plain
 * http is allowed only for a loopback endpoint (Azurite in tests and local runs).
 */
export async function openTable(connectionString: string, tableName: string): Promise<TableClient> {
  const client = TableClient.fromConnectionString(connectionString, tableName, {
    allowInsecureConnection: usesLoopbackHttp(connectionString),
  });
  try {
    await client.createTable();
  } catch (error) {
    if (statusCode(error) !== 409) throw error;
  }
  return client;
}

export function usesLoopbackHttp(connectionString: string): boolean {
  return (
    /(?:^|;)\s*\w*Endpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(connectionString) ||
    /UseDevelopmentStorage=true/i.test(connectionString)
  );
}
