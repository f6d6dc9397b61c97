import { getTableName, isTable } from 'drizzle-orm';
import * as tables from './index.ts';

/** Names of every table in the schema, sorted; migrations must create exactly these. */
export function schemaTableNames(): string[] {
  const names: string[] = [];
  for (const value of Object.values(tables)) {
    if (isTable(value)) names.push(getTableName(value));
  }
  return names.sort();
}
