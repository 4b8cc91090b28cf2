CREATE TABLE `audit_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`entry` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_outbox_tenant` ON `audit_outbox` (`tenant_id`,`id`);--> statement-breakpoint
DROP INDEX `tenants_oidc_issuer`;--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_oidc_issuer_audience` ON `tenants` (`oidc_issuer`,`oidc_audience`);--> statement-breakpoint
DROP INDEX `users_tenant`;--> statement-breakpoint
DROP INDEX `users_email`;--> statement-breakpoint
ALTER TABLE `users` ADD `token_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `users_tenant_email` ON `users` (`tenant_id`,`email`);--> statement-breakpoint
CREATE INDEX `users_email` ON `users` (`email`);--> statement-breakpoint
ALTER TABLE `movements` ADD `customer_id` text;