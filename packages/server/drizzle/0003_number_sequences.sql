CREATE TABLE "number_sequences" (
	"scope" text NOT NULL,
	"period" text NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "number_sequences_scope_period_pk" PRIMARY KEY("scope","period")
);
