/** The drizzle handle every domain function takes first (a transaction fits too). */
export type { Db as Database } from '@rumbo/db';
