-- Report schedules: the office name on the report, its language, period kind and the cron's time zone.
-- "format" keeps a comma-separated list of formats (xlsx,pdf).
ALTER TABLE report_schedules ADD COLUMN office_name TEXT NOT NULL DEFAULT '';
ALTER TABLE report_schedules ADD COLUMN language TEXT NOT NULL DEFAULT 'zh-CN';
ALTER TABLE report_schedules ADD COLUMN period_kind TEXT NOT NULL DEFAULT 'PreviousMonth';
ALTER TABLE report_schedules ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai';
