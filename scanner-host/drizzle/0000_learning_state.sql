CREATE TABLE `bayes_words` (
	`word` text PRIMARY KEY NOT NULL,
	`ham` integer DEFAULT 0 NOT NULL,
	`spam` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `fingerprint_bands` (
	`key` integer NOT NULL,
	`fingerprint_id` integer NOT NULL,
	PRIMARY KEY(`key`, `fingerprint_id`),
	FOREIGN KEY (`fingerprint_id`) REFERENCES `fingerprints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `fingerprint_bands_fingerprint` ON `fingerprint_bands` (`fingerprint_id`);--> statement-breakpoint
CREATE TABLE `fingerprints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest` text NOT NULL,
	`kind` text NOT NULL,
	`spam_reports` integer DEFAULT 0 NOT NULL,
	`ham_reports` integer DEFAULT 0 NOT NULL,
	`last_reported_at` integer NOT NULL,
	`sample_sha256` text NOT NULL,
	`sample_subject` text,
	`sample_message_id` text,
	`sample_label` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fingerprints_digest_kind` ON `fingerprints` (`digest`,`kind`);--> statement-breakpoint
CREATE INDEX `fingerprints_reported` ON `fingerprints` (`last_reported_at`);--> statement-breakpoint
CREATE TABLE `trained_messages` (
	`sha256` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`message_id` text,
	`subject` text,
	`trained_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `trained_messages_label` ON `trained_messages` (`label`);