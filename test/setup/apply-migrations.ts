import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach } from 'vitest';
import { clearIsolateCaches } from '../../worker/lib/isolate-cache';

// Setup files may run more than once; applyD1Migrations skips what is already applied.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Storage may be reset between tests while the isolate's module state stays: per-isolate read
// caches (users, tenant settings, Ask's catalogue) start empty for every test.
beforeEach(() => clearIsolateCaches());
