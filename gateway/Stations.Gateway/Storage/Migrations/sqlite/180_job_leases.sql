-- Which gateway instance runs each scheduled job (monthly ratings, report delivery, rollups, retention) when several
-- share this database: the holder takes the row and renews it well before expires_at_ms; another instance may take it
-- over only once it has expired (Operations/JobLeases.cs). A graceful stop deletes the instance's rows.
CREATE TABLE job_leases (
    job TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at_ms INTEGER NOT NULL
);
