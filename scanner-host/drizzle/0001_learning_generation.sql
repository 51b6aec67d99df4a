CREATE TABLE `learning_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `bayes_words` ADD `changed_in` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `bayes_words_changed_in` ON `bayes_words` (`changed_in`);