-- The Agents page's counters (migration agent_tallies, decision 0036): an update that changes no counted column
-- returns before the grouped INSERTs, which cost a plan per statement (the demo seed's thousands of single-agent
-- updates took 28% longer with them).
CREATE OR REPLACE FUNCTION tollgate_agent_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (the log pipeline's last event, a rename) move no counter: a cheap look first, since the grouped
  -- INSERTs below are planned afresh on every statement (they read the statement's transition tables).
  IF NOT EXISTS (
    SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n."workspaceId", n.kind, n.status, n."effectiveState", n."legCount", n."inLatestExport", n.trifecta,
      n."unknownApps", n."unclassifiedMcp", n."appIds", n."breakApps")
      IS DISTINCT FROM (o."workspaceId", o.kind, o.status, o."effectiveState", o."legCount", o."inLatestExport",
      o.trifecta, o."unknownApps", o."unclassifiedMcp", o."appIds", o."breakApps")
  ) THEN
    RETURN NULL;
  END IF;
  WITH delta AS (
    SELECT 1 AS d, "workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport",
      coalesce(cardinality("unknownApps"), 0) > 0 OR coalesce(cardinality("unclassifiedMcp"), 0) > 0 AS unclassified,
      trifecta, "appIds", "breakApps" FROM new_rows
    UNION ALL
    SELECT -1 AS d, "workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport",
      coalesce(cardinality("unknownApps"), 0) > 0 OR coalesce(cardinality("unclassifiedMcp"), 0) > 0 AS unclassified,
      trifecta, "appIds", "breakApps" FROM old_rows
  ),
  tally AS (
    -- In key order, so two statements that move the same counters lock them in the same order.
    INSERT INTO "AgentTally" AS t
      ("workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport", unclassified, agents)
    SELECT "workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport", unclassified, sum(d)::int
    FROM delta GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport", unclassified)
    DO UPDATE SET agents = t.agents + EXCLUDED.agents
    RETURNING 1
  )
  INSERT INTO "AgentAppTally" AS t ("workspaceId", kind, app, agents, completing)
  SELECT "workspaceId", kind, app, sum(uses)::int, sum(completes)::int FROM (
    SELECT "workspaceId", kind, app, d AS uses, 0 AS completes FROM delta, unnest("appIds") AS app
    UNION ALL
    SELECT "workspaceId", kind, app, 0, d FROM delta, unnest("breakApps") AS app
    WHERE trifecta AND "inLatestExport" AND status <> 'deleted'
  ) x GROUP BY 1, 2, 3 HAVING sum(uses) <> 0 OR sum(completes) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("workspaceId", kind, app)
  DO UPDATE SET agents = t.agents + EXCLUDED.agents, completing = t.completing + EXCLUDED.completing;
  RETURN NULL;
END $$;
