-- The booking channel's consumer (group 'booking.channel') no longer writes inbox rows: the gateway dedupes
-- its changes by timeline sequence. The rows earlier versions wrote are read by nothing.
DELETE FROM inbox WHERE consumer = 'booking.channel';
