-- Agent imports (decision 0034): a previewed import keeps its parsed, classified rows in an UNLOGGED table of its
-- own, import_stage."<import id>", which its commit reads with set-based SQL and drops. Not part of the Prisma
-- model: one table per preview, created and dropped by lib/agents/import/stage.ts.
CREATE SCHEMA IF NOT EXISTS import_stage;
