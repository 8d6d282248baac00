// migrations run on the schema as it was, not as the code types it now
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';
import type { Engine } from './database.js';
import { errorMessage } from '../errors.js';
import { StoreError } from './store-error.js';

/**
 * Forward migrations, in code so they ship inside dist/ (no migration folder to find at run
 * time). Names sort in order; a migration, once released, is never edited: a change is a new one.
 */
function migrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('subscriptions')
          .addColumn('channel_key', 'text', (c) => c.notNull())
          .addColumn('target_key', 'text', (c) => c.notNull())
          .addColumn('position', 'bigint', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('subscriptions_pk', ['channel_key', 'target_key'])
          .execute();
        await db.schema.createTable('subscription_seeds').addColumn('key', 'text', (c) => c.primaryKey()).execute();
        await db.schema
          .createTable('seen')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('seen_expires').on('seen').column('expires_at').execute();
        // The one engine difference: how an auto-incrementing key is spelled.
        await db.schema
          .createTable('outbox')
          .addColumn('seq', engine === 'postgres' ? 'bigserial' : 'integer', (c) =>
            engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('channel_key', 'text', (c) => c.notNull())
          .addColumn('story_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
          .addColumn('enqueued_at', 'bigint', (c) => c.notNull())
          .addColumn('sent_at', 'bigint')
          .addColumn('posted_as', 'text')
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', 'bigint')
          .addColumn('entry', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'seq']).execute();
        await db.schema.createIndex('outbox_channel').on('outbox').columns(['channel_key', 'status', 'sent_at']).execute();
        await db.schema.createIndex('outbox_story').on('outbox').columns(['story_id', 'channel_key']).execute();
        await db.schema
          .createTable('stories')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('active_at', 'bigint', (c) => c.notNull())
          .addColumn('article_count', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('stories_active').on('stories').column('active_at').execute();
        await db.schema
          .createTable('story_members')
          .addColumn('story_id', 'text', (c) => c.notNull())
          .addColumn('article_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('story_members_pk', ['story_id', 'article_id'])
          .execute();
        await db.schema.createIndex('story_members_article').on('story_members').column('article_id').execute();
        await db.schema
          .createTable('feed_state')
          .addColumn('feed_id', 'text', (c) => c.primaryKey())
          .addColumn('next_poll_at', 'bigint')
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', 'bigint')
          .addColumn('state', 'text', (c) => c.notNull())
          .execute();
        // The store's identity: checked while running, so a store that comes back empty or
        // replaced (a deleted file, a new database) is noticed instead of silently re-seeded.
        await sql`insert into meta (key, value) values ('store_id', ${randomUUID()}), ('created_at', ${String(Date.now())})`.execute(db);
      },
    },
  };
}

const MIGRATION_TABLE = 'kysely_migration';

export const latestSchemaVersion = (engine: Engine): string => Object.keys(migrations(engine)).sort().at(-1)!;

/**
 * Brings the schema up to this code's version. A store migrated by a newer peacewatch is
 * refused (its data may not mean what this code thinks) with one clear message.
 */
export async function migrateStore(db: Kysely<any>, engine: Engine, displayUrl: string): Promise<void> {
  const known = migrations(engine);
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !(name in known));
  if (unknown.length > 0) {
    throw new StoreError(
      `store: ${displayUrl} has schema version ${unknown.sort().at(-1)}, newer than this peacewatch knows ` +
        `(${latestSchemaVersion(engine)}): run the newer peacewatch, or restore a backup made before the upgrade`,
    );
  }
  const provider: MigrationProvider = { getMigrations: async () => known };
  const { error, results } = await new Migrator({ db, provider, migrationTableName: MIGRATION_TABLE }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(`store: migration ${failed} failed on ${displayUrl}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return rows.rows.map((r) => r.name);
}
