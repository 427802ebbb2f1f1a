-- CreateTable
CREATE TABLE "AgentConfigTally" (
    "workspaceId" text NOT NULL,
    "configHash" text NOT NULL,
    "agents" integer NOT NULL,
    CONSTRAINT "AgentConfigTally_pkey" PRIMARY KEY ("workspaceId", "configHash")
);

-- The posture's approval-gate check (6.3, issue 20 item 4): how many published agents have each configuration hash,
-- kept by statement-level triggers on "Agent" as AgentTally is (migration agent_tallies). The check sums the agents
-- of the configurations that leave a required category ungated instead of reading every published agent (500k at
-- 1M agents: most of a recompute). Each new published row counts +1, each old one -1; an update that neither
-- publishes, unpublishes nor changes a published agent's configuration nets to zero and writes nothing.

CREATE FUNCTION tollgate_agent_config_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- In key order, so two statements that move the same counters lock them in the same order.
  INSERT INTO "AgentConfigTally" AS t ("workspaceId", "configHash", agents)
  SELECT "workspaceId", "configHash", count(*)::int FROM new_rows WHERE status = 'published'
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("workspaceId", "configHash") DO UPDATE SET agents = t.agents + EXCLUDED.agents;
  RETURN NULL;
END $$;

CREATE FUNCTION tollgate_agent_config_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AgentConfigTally" AS t ("workspaceId", "configHash", agents)
  SELECT "workspaceId", "configHash", sum(d)::int FROM (
    SELECT 1 AS d, "workspaceId", "configHash" FROM new_rows WHERE status = 'published'
    UNION ALL
    SELECT -1 AS d, "workspaceId", "configHash" FROM old_rows WHERE status = 'published'
  ) x GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
  ON CONFLICT ("workspaceId", "configHash") DO UPDATE SET agents = t.agents + EXCLUDED.agents;
  RETURN NULL;
END $$;

CREATE FUNCTION tollgate_agent_config_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AgentConfigTally" AS t ("workspaceId", "configHash", agents)
  SELECT "workspaceId", "configHash", -count(*)::int FROM old_rows WHERE status = 'published'
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("workspaceId", "configHash") DO UPDATE SET agents = t.agents + EXCLUDED.agents;
  RETURN NULL;
END $$;

CREATE FUNCTION tollgate_agent_config_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AgentConfigTally";
  RETURN NULL;
END $$;

CREATE TRIGGER "Agent_config_tally_insert" AFTER INSERT ON "Agent" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_config_tally_inserted();
CREATE TRIGGER "Agent_config_tally_update" AFTER UPDATE ON "Agent" REFERENCING OLD TABLE AS old_rows
  NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_config_tally_updated();
CREATE TRIGGER "Agent_config_tally_delete" AFTER DELETE ON "Agent" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_config_tally_deleted();
CREATE TRIGGER "Agent_config_tally_truncate" AFTER TRUNCATE ON "Agent"
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_config_tally_truncated();

-- The published agents that exist today.
INSERT INTO "AgentConfigTally" ("workspaceId", "configHash", agents)
SELECT "workspaceId", "configHash", count(*)::int FROM "Agent" WHERE status = 'published' GROUP BY 1, 2;
