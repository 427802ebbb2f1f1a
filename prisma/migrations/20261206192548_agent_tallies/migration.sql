-- CreateTable
CREATE TABLE "AgentAppTally" (
    "workspaceId" text NOT NULL,
    "kind" text NOT NULL,
    "app" text NOT NULL,
    "agents" integer NOT NULL,
    "completing" integer NOT NULL,
    CONSTRAINT "AgentAppTally_pkey" PRIMARY KEY ("workspaceId", kind, app)
);

-- CreateTable
CREATE TABLE "AgentTally" (
    "workspaceId" text NOT NULL,
    "kind" text NOT NULL,
    "status" text NOT NULL,
    "effectiveState" text NOT NULL,
    "legCount" integer NOT NULL,
    "inLatestExport" boolean NOT NULL,
    "unclassified" boolean NOT NULL,
    "agents" integer NOT NULL,
    CONSTRAINT "AgentTally_pkey" PRIMARY KEY ("workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport", unclassified)
);

-- CreateIndex
CREATE INDEX "Agent_workspaceId_legCount_trifecta_name_id_kind_status_eff_idx" ON "Agent" USING btree ("workspaceId", "legCount" DESC, trifecta DESC, name, id, kind, status, "effectiveState", "inLatestExport");

-- CreateIndex
CREATE INDEX "Agent_workspaceId_name_id_kind_status_effectiveState_legCou_idx" ON "Agent" USING btree ("workspaceId", name, id, kind, status, "effectiveState", "legCount", "inLatestExport");

-- CreateIndex
CREATE INDEX "Agent_workspaceId_trifecta_updatedAt_effectiveState_status_idx" ON "Agent" USING btree ("workspaceId", trifecta DESC, "updatedAt" DESC, "effectiveState", status);

-- CreateIndex
CREATE INDEX "Agent_workspaceId_updatedAt_id_kind_status_effectiveState_l_idx" ON "Agent" USING btree ("workspaceId", "updatedAt", id, kind, status, "effectiveState", "legCount", "inLatestExport");

-- The Agents page's figures (issue 20, item 4): "AgentTally" and "AgentAppTally" hold how many agents fall in each
-- combination of the columns the page counts by, kept by statement-level triggers with transition tables: a
-- million-row import adds its counts in one grouped INSERT, and a read sums a few hundred rows instead of scanning
-- the inventory. Each new row counts +1, each old row -1; an update that changes no counted column nets to zero
-- and writes nothing, so the log pipeline's updates of an agent's last event leave the counters alone.
CREATE FUNCTION tollgate_agent_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT 1 AS d, "workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport",
      coalesce(cardinality("unknownApps"), 0) > 0 OR coalesce(cardinality("unclassifiedMcp"), 0) > 0 AS unclassified,
      trifecta, "appIds", "breakApps" FROM new_rows
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

CREATE FUNCTION tollgate_agent_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

CREATE FUNCTION tollgate_agent_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
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

CREATE FUNCTION tollgate_agent_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AgentTally";
  DELETE FROM "AgentAppTally";
  RETURN NULL;
END $$;

CREATE TRIGGER "Agent_tally_insert" AFTER INSERT ON "Agent" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_tally_inserted();
CREATE TRIGGER "Agent_tally_update" AFTER UPDATE ON "Agent" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_tally_updated();
CREATE TRIGGER "Agent_tally_delete" AFTER DELETE ON "Agent" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_tally_deleted();
CREATE TRIGGER "Agent_tally_truncate" AFTER TRUNCATE ON "Agent"
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_tally_truncated();

-- The agents that exist today.
INSERT INTO "AgentTally" ("workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport", unclassified, agents)
SELECT "workspaceId", kind, status, "effectiveState", "legCount", "inLatestExport",
  coalesce(cardinality("unknownApps"), 0) > 0 OR coalesce(cardinality("unclassifiedMcp"), 0) > 0, count(*)::int
FROM "Agent" GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO "AgentAppTally" ("workspaceId", kind, app, agents, completing)
SELECT "workspaceId", kind, app, sum(uses)::int, sum(completes)::int FROM (
  SELECT "workspaceId", kind, app, 1 AS uses, 0 AS completes FROM "Agent", unnest("appIds") AS app
  UNION ALL
  SELECT "workspaceId", kind, app, 0, 1 FROM "Agent", unnest("breakApps") AS app
  WHERE trifecta AND "inLatestExport" AND status <> 'deleted'
) x GROUP BY 1, 2, 3;
