-- A job's extra time is a second payable of the same booking (booking's booking.job_ended opens it, with an
-- id of its own; booking.completed closes it).
ALTER TABLE payables DROP CONSTRAINT payables_kind_check;
ALTER TABLE payables ADD CONSTRAINT payables_kind_check CHECK (kind IN ('hold', 'extra'));
