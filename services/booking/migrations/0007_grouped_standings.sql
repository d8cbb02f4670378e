-- A dispatch round's standings are grouped by standing ({"open": [partner ids], ...}) instead of keyed by
-- partner ({"<partner id>": "open", ...}): accepting moves a thousand open offers to withdrawn as one list.
UPDATE dispatch_rounds r
SET state = jsonb_set(r.state, '{standings}', coalesce(
  (SELECT jsonb_object_agg(grouped.standing, grouped.partner_ids)
   FROM (SELECT s.value AS standing, jsonb_agg(s.key ORDER BY s.key) AS partner_ids
         FROM jsonb_each_text(r.state -> 'standings') AS s(key, value)
         GROUP BY s.value) grouped),
  '{}'::jsonb))
WHERE jsonb_typeof(r.state -> 'standings') = 'object';
