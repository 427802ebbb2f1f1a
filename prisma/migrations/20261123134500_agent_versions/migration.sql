-- Agent versions for evidence "as of" a date (issue 8): every change of an agent's governed state appends the
-- new state to "RecordVersion" (entity 'agent'), whatever wrote it — inventory import, Compliance Logs, the
-- trifecta reclassification, a suspension. Statement-level triggers with transition tables, so a 100k-row
-- import appends its versions in one INSERT … SELECT. When: the time the writer stamped in "updatedAt" (the
-- services pass theirs) or, when it left "updatedAt" alone, the statement's time; a new agent from its first sighting.

CREATE FUNCTION tollgate_agent_state(a "Agent") RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'externalId', a."externalId", 'kind', a.kind, 'name', a.name, 'ownerEmail', a."ownerEmail", 'status', a.status,
    'apps', to_jsonb(a.apps), 'appIds', to_jsonb(a."appIds"), 'unknownApps', to_jsonb(a."unknownApps"),
    'unclassifiedMcp', to_jsonb(a."unclassifiedMcp"), 'connectors', a.connectors, 'configHash', a."configHash",
    'legs', a.legs, 'legCount', a."legCount", 'trifecta', a.trifecta, 'breakApps', to_jsonb(a."breakApps"),
    'effectiveState', a."effectiveState", 'inLatestExport', a."inLatestExport", 'firstSeenAt', a."firstSeenAt")
$$;

CREATE FUNCTION tollgate_agent_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RecordVersion" ("workspaceId", entity, "entityId", at, data)
  SELECT n."workspaceId", 'agent', n.id, LEAST(n."firstSeenAt", n."updatedAt"), tollgate_agent_state(n) FROM new_rows n;
  RETURN NULL;
END $$;

CREATE FUNCTION tollgate_agent_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RecordVersion" ("workspaceId", entity, "entityId", at, data)
  SELECT n."workspaceId", 'agent', n.id,
    CASE WHEN n."updatedAt" IS DISTINCT FROM o."updatedAt" THEN n."updatedAt" ELSE statement_timestamp() END,
    tollgate_agent_state(n)
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE tollgate_agent_state(n) IS DISTINCT FROM tollgate_agent_state(o);
  RETURN NULL;
END $$;

CREATE TRIGGER "Agent_versions_insert" AFTER INSERT ON "Agent" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_inserted();
CREATE TRIGGER "Agent_versions_update" AFTER UPDATE ON "Agent" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tollgate_agent_updated();

-- The agents that exist today get their current state as their first version.
INSERT INTO "RecordVersion" ("workspaceId", entity, "entityId", at, data)
SELECT a."workspaceId", 'agent', a.id, LEAST(a."firstSeenAt", a."updatedAt"), tollgate_agent_state(a) FROM "Agent" a;
