-- Administration (PostgreSQL): a per-user session stamp (bumped when an account is disabled, its role or scope changes
-- or its password changes, so cookies issued before stop working), uploaded rating rubric files and each region's rubric.
ALTER TABLE users ADD COLUMN session_stamp BIGINT NOT NULL DEFAULT 0;

CREATE TABLE rubric_files (
    rubric_id TEXT NOT NULL,
    version TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at_ms BIGINT NOT NULL,
    PRIMARY KEY (rubric_id, version)
);

CREATE TABLE region_rubrics (
    region_id BIGINT PRIMARY KEY REFERENCES regions (region_id),
    rubric_id TEXT NOT NULL,
    version TEXT NOT NULL,
    chosen_by TEXT NOT NULL,
    chosen_at_ms BIGINT NOT NULL
);
