// Package contracts is the only code that web and collector share.
//
// web and collector are released and deployed independently, so everything
// that crosses between them lives here and is treated as a wire format:
//
//   - jobs: the River job arguments web enqueues and collector works,
//     versioned, with golden fixtures of every released version;
//   - inventory: status enums, framework and language names, and the
//     inventory document both services emit;
//   - schema: the embedded database schema (a copy of the root schema.sql);
//   - repourl: the repository URL policy both services enforce;
//   - dbtest: real PostgreSQL databases for tests.
//
// JSON in this module is a wire format: add fields, never rename or retype.
package contracts
