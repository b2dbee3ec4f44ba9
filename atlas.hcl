// Atlas project configuration for the real Atlas CLI:
//
//   atlas schema apply --env local      # DATABASE_URL, dev database on the same server
//   atlas schema diff  --env ci
//
// `make migrate` does the same with the ariga.io/atlas library (the CLI is
// not installable everywhere): load schema.sql into the dev database, inspect
// both, diff, plan, apply. River's tables are owned by River's own migrations
// and excluded here, so the diff never drops them.

variable "database_url" {
  type    = string
  default = getenv("DATABASE_URL")
}

variable "dev_url" {
  type    = string
  default = getenv("TESTLENS_MIGRATE_DEV_URL")
}

env "local" {
  src     = "file://schema.sql"
  url     = var.database_url
  dev     = var.dev_url != "" ? var.dev_url : "docker://postgres/15/dev?search_path=public"
  schemas = ["public"]
  exclude = ["river_*"]

  diff {
    skip {
      drop_schema = true
      drop_table  = true
    }
  }
}

env "ci" {
  src     = "file://schema.sql"
  url     = var.database_url
  dev     = var.dev_url
  schemas = ["public"]
  exclude = ["river_*"]

  diff {
    skip {
      drop_schema = true
      drop_table  = true
    }
  }
}
