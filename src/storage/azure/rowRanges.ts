/** OData filters over row keys: the Table service's only way to read a range of rows. */

/** A text as an OData string literal's inside (a quote doubled). */
export const odata = (text: string): string => text.replace(/'/g, "''");

/** The first key after every key that starts with `prefix`. */
export const afterPrefix = (prefix: string): string =>
  `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;

/** Rows whose key is at or after `from` and before `to`, in any partition. */
export const keyRange = (from: string, to: string): string =>
  `RowKey ge '${odata(from)}' and RowKey lt '${odata(to)}'`;

/** Rows of one partition whose key is at or after `from` and before `to`. */
export const partitionRange = (partition: string, from: string, to: string): string =>
  `PartitionKey eq '${odata(partition)}' and ${keyRange(from, to)}`;
