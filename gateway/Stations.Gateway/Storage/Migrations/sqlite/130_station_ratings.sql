-- Stored monthly ratings (SQLite): one row per station and period, with the rubric id, version and file hash that
-- produced it. rating_json is the whole RatingResult (inputs, per-item scores, caps, advice) so a rating can be
-- re-scored from its own inputs and explained later; the columns beside it are for lists and counts.
CREATE TABLE station_ratings (
    station_id TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    rubric_id TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    rubric_sha256 TEXT NOT NULL,
    score REAL NOT NULL,
    score_stars INTEGER NOT NULL,
    computed_stars INTEGER NOT NULL,
    awarded_stars INTEGER,
    status TEXT NOT NULL,
    movement TEXT NOT NULL,
    evidence_sufficient INTEGER NOT NULL,
    rating_json TEXT NOT NULL,
    rated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (station_id, period_from, period_to)
);
CREATE INDEX ix_station_ratings_period ON station_ratings (period_from, period_to);

-- One row per rated period: when the monthly job (or an administrator) last rated it and how many stations.
CREATE TABLE rating_runs (
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    stations INTEGER NOT NULL,
    started_at_ms INTEGER NOT NULL,
    finished_at_ms INTEGER NOT NULL,
    started_by TEXT NOT NULL,
    PRIMARY KEY (period_from, period_to)
);
