-- A booking's terms now carry its hub's time zone (the window is shown in it); bookings placed before
-- take the zone their hub has now.
UPDATE bookings b
SET state = jsonb_set(b.state, '{terms,timeZone}', to_jsonb(h.timezone))
FROM hubs h
WHERE h.id = b.hub_id AND NOT (b.state -> 'terms' ? 'timeZone');
