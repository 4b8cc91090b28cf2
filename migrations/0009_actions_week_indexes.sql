CREATE INDEX `actions_value` ON `actions` (`tenant_id`,`state`,`value`);--> statement-breakpoint
CREATE INDEX `actions_decided` ON `actions` (`tenant_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `actions_executed` ON `actions` (`tenant_id`,`executed_at`);