-- Testlens application schema: the desired state, applied declaratively
-- (make migrate: Atlas library diff + plan + apply). River's tables are not
-- declared here: rivermigrate owns them and the diff never touches them.
--
-- Change it expand-then-contract: add columns and tables freely; drop or retype
-- only once no supported web or collector release reads them (docs/releasing.md).
-- contracts/schema/schema.sql must stay byte-identical (a test checks it).

-- Every row that belongs to a user carries tenant_id. There is one tenant
-- ('default') until API keys arrive; reads will filter on it.

CREATE TABLE repositories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL DEFAULT 'default',
  url text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT repositories_tenant_url_key UNIQUE (tenant_id, url)
);

CREATE TABLE analyses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL DEFAULT 'default',
  repository_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  -- The ref the client asked for; NULL means the default branch.
  requested_ref text,
  -- Known once the collector has fetched the ref.
  commit_sha text,
  status text NOT NULL DEFAULT 'queued',
  -- Why the analysis failed (permanent error or limit), or the last transient
  -- error while a retry is pending.
  failure_reason text,
  engine_version text,
  job_id bigint,
  attempts integer NOT NULL DEFAULT 0,
  files_total integer NOT NULL DEFAULT 0,
  files_done integer NOT NULL DEFAULT 0,
  tests_found integer NOT NULL DEFAULT 0,
  -- Per-framework counts, written with the inventory in the same transaction.
  summary jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  -- Set when a client asked to cancel a running analysis.
  cancel_requested_at timestamptz,
  -- Bumped by every UPDATE of the row (by web and collector alike, in the
  -- statement itself: no trigger) so that event streams can number states
  -- and resume from Last-Event-ID.
  revision bigint NOT NULL DEFAULT 0,
  CONSTRAINT analyses_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled'))
);

CREATE INDEX analyses_repository_created_idx ON analyses (repository_id, created_at DESC, id DESC);
CREATE INDEX analyses_tenant_created_idx ON analyses (tenant_id, created_at DESC, id DESC);
CREATE INDEX analyses_commit_idx ON analyses (repository_id, commit_sha) WHERE status = 'completed';
CREATE INDEX analyses_tenant_status_created_idx ON analyses (tenant_id, status, created_at DESC, id DESC);

-- Idempotency-Key of POST /v1/analyses: the first response, replayed for 24 h
-- to a retry with the same key and body. The row is written in the
-- transaction that creates the analysis, so a key never outlives a rollback.
CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL,
  key text NOT NULL,
  -- SHA-256 of the canonical request body: same key with another body is an error.
  request_hash text NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT idempotency_keys_pkey PRIMARY KEY (tenant_id, key)
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Engine versions that collectors run, upserted by each collector at start
-- and periodically: web dedups against the most recently seen one.
CREATE TABLE engines (
  version text PRIMARY KEY,
  seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE test_files (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  analysis_id bigint NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
  path text NOT NULL,
  framework text NOT NULL,
  language text NOT NULL,
  -- Build constraint or similar condition under which the file is compiled.
  build_constraint text,
  -- Why the framework could not be decided (framework = 'unknown').
  framework_reason text,
  -- Set when the file was not parsed (too large, excluded, unreadable).
  skip_reason text,
  test_count integer NOT NULL DEFAULT 0,
  CONSTRAINT test_files_analysis_path_key UNIQUE (analysis_id, path)
);

CREATE INDEX test_files_analysis_framework_idx ON test_files (analysis_id, framework);

CREATE TABLE test_suites (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  analysis_id bigint NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
  file_id bigint NOT NULL REFERENCES test_files (id) ON DELETE CASCADE,
  -- Full path of enclosing suites, outermost first, this suite last.
  path text[] NOT NULL,
  line integer NOT NULL
);

CREATE INDEX test_suites_analysis_idx ON test_suites (analysis_id, file_id);

-- One row per test. Rows of one analysis are inserted in inventory order
-- (file path, then source position), so (analysis_id, id) is the stable
-- pagination order and every filter index ends in id.
CREATE TABLE tests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  analysis_id bigint NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
  file_id bigint NOT NULL REFERENCES test_files (id) ON DELETE CASCADE,
  suite_id bigint REFERENCES test_suites (id) ON DELETE CASCADE,
  -- Denormalised from the file and suite so that a page of tests is one
  -- index range scan with no joins.
  path text NOT NULL,
  framework text NOT NULL,
  suite_path text[] NOT NULL DEFAULT '{}',
  name text NOT NULL,
  line integer NOT NULL,
  status text NOT NULL,
  -- 'test' for a declared test; 'case' for an expanded parametrised case or
  -- a subtest, counted apart so totals match what runners list.
  kind text NOT NULL DEFAULT 'test',
  -- The source condition under which the test is compiled or collected
  -- (a Rust #[cfg], a C++ #if, ...); NULL when none encloses it.
  condition text,
  CONSTRAINT tests_status_check CHECK (status IN ('active', 'skipped', 'todo', 'focused', 'xfail')),
  CONSTRAINT tests_kind_check CHECK (kind IN ('test', 'case'))
);

CREATE INDEX tests_analysis_id_idx ON tests (analysis_id, id);
CREATE INDEX tests_analysis_framework_idx ON tests (analysis_id, framework, id);
CREATE INDEX tests_analysis_status_idx ON tests (analysis_id, status, id);
CREATE INDEX tests_file_idx ON tests (file_id);
CREATE INDEX tests_suite_idx ON tests (suite_id);
