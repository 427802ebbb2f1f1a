-- The posture's configuration counters (migration agent_config_tally), two changes:
-- 1. A version row per workspace (configHash '', sorting first, so the lock order stays the key order) counts the
--    statements that moved the workspace's counters. The posture reads it first and reuses the counters it read
--    before while it has not moved: at 1M agents the 57k counters were half of a recompute.
-- 2. An update that publishes, unpublishes or moves no agent's configuration returns before the grouped INSERT,
--    which is planned afresh on every statement (as migration agent_tally_update_check does for AgentTally).
CREATE OR REPLACE FUNCTION tollgate_agent_config_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT "workspaceId", "configHash", count(*)::int AS n FROM new_rows WHERE status = 'published' GROUP BY 1, 2
  )
  -- In key order, so two statements that move the same counters lock them in the same order.
  INSERT INTO "AgentConfigTally" AS t ("workspaceId", "configHash", agents)
  SELECT * FROM (SELECT "workspaceId", "configHash", n FROM d UNION ALL SELECT DISTINCT "workspaceId", '', 1 FROM d) x
  ORDER BY 1, 2
  ON CONFLICT ("workspaceId", "configHash") DO UPDATE SET agents = t.agents + EXCLUDED.agents;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tollgate_agent_config_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n."workspaceId", n.status, n."configHash") IS DISTINCT FROM (o."workspaceId", o.status, o."configHash")
      AND (n.status = 'published' OR o.status = 'published')
  ) THEN
    RETURN NULL;
  END IF;
  WITH d AS (
    SELECT "workspaceId", "configHash", sum(s)::int AS n FROM (
      SELECT 1 AS s, "workspaceId", "configHash" FROM new_rows WHERE status = 'published'
      UNION ALL
      SELECT -1 AS s, "workspaceId", "configHash" FROM old_rows WHERE status = 'published'
    ) x GROUP BY 1, 2 HAVING sum(s) <> 0
  )
  INSERT INTO "AgentConfigTally" AS t ("workspaceId", "configHash", agents)
  SELECT * FROM (SELECT "workspaceId", "configHash", n FROM d UNION ALL SELECT DISTINCT "workspaceId", '', 1 FROM d) x
  ORDER BY 1, 2
  ON CONFLICT ("workspaceId", "configHash") DO UPDATE SET agents = t.agents + EXCLUDED.agents;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tollgate_agent_config_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT "workspaceId", "configHash", -count(*)::int AS n FROM old_rows WHERE status = 'published' GROUP BY 1, 2
  )
  INSERT INTO "AgentConfigTally" AS t ("workspaceId", "configHash", agents)
  SELECT * FROM (SELECT "workspaceId", "configHash", n FROM d UNION ALL SELECT DISTINCT "workspaceId", '', 1 FROM d) x
  ORDER BY 1, 2
  ON CONFLICT ("workspaceId", "configHash") DO UPDATE SET agents = t.agents + EXCLUDED.agents;
  RETURN NULL;
END $$;

INSERT INTO "AgentConfigTally" ("workspaceId", "configHash", agents)
SELECT DISTINCT "workspaceId", '', 1 FROM "AgentConfigTally" ON CONFLICT DO NOTHING;
