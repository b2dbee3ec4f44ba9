# Inputs of the Testlens deployment. web and collector each have their own
# size (cpu/memory), count (desired/min/max), image and extra secrets, so the
# two services are sized, scaled and released independently.
# e2e/terraform_test.go checks that each service's size and count variables
# are used by that service's resources only.

# ---------------------------------------------------------------- general

variable "aws_region" {
  description = "AWS region to deploy into, e.g. eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region name such as eu-west-1."
  }
}

variable "environment" {
  description = "Name of this deployment (small, large, staging, ...). Prefixes every resource name as testlens-<environment>."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}[a-z0-9]$", var.environment))
    error_message = "environment must be 3-16 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "tags" {
  description = "Extra tags for every resource (Project, Environment and ManagedBy are always set)."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------- network

variable "vpc_cidr" {
  description = "CIDR block of the VPC, a /16 to /18. Public subnets are the first two 1/256 slices, private subnets the second and third 1/16 slices (with a /16: two /24s and two /20s)."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 18
    error_message = "vpc_cidr must be an IPv4 CIDR block from /16 to /18."
  }
}

variable "nat_gateway_per_az" {
  description = "One NAT gateway per availability zone (true) or a single shared one (false, cheaper; private subnets lose internet egress if its zone fails)."
  type        = bool
  default     = false
}

variable "alb_ingress_cidrs" {
  description = "IPv4 CIDR blocks allowed to reach the load balancer on ports 80 and 443."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.alb_ingress_cidrs) > 0 && alltrue([for c in var.alb_ingress_cidrs : can(cidrhost(c, 0))])
    error_message = "alb_ingress_cidrs must be a non-empty list of IPv4 CIDR blocks."
  }
}

# ---------------------------------------------------------------- load balancer

variable "certificate_arn" {
  description = "ACM certificate ARN for the HTTPS listener. When set, port 443 serves the API and port 80 redirects to it; when null, the API is served over plain HTTP on port 80 (for trials only)."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$", var.certificate_arn))
    error_message = "certificate_arn must be null or an ACM certificate ARN."
  }
}

variable "domain_name" {
  description = "DNS name clients use for the API (a record you point at the load balancer). Only used to build the api_url output; null uses the load balancer's own DNS name."
  type        = string
  default     = null
}

variable "alb_idle_timeout_seconds" {
  description = "Seconds the load balancer keeps an idle connection open. web's event streams (Server-Sent Events) send a ping every 15 seconds, so they stay open with the default."
  type        = number
  default     = 60

  validation {
    condition     = var.alb_idle_timeout_seconds >= 1 && var.alb_idle_timeout_seconds <= 4000
    error_message = "alb_idle_timeout_seconds must be between 1 and 4000."
  }
}

# ---------------------------------------------------------------- ECS (both services)

variable "cpu_architecture" {
  description = "CPU architecture of the Fargate tasks: X86_64 or ARM64. The web and collector images must be built for it."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "container_insights" {
  description = "Enable CloudWatch Container Insights on the ECS cluster (extra CloudWatch cost)."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the web and collector logs. One of the values CloudWatch Logs accepts (0 keeps them forever)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

# ---------------------------------------------------------------- web (HTTP API)

variable "web_image" {
  description = "Container image of the web service, pinned by tag or digest (registry/repo:tag or registry/repo@sha256:...). Released independently of collector_image."
  type        = string

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.web_image))
    error_message = "web_image must name a tag or a sha256 digest."
  }
}

variable "web_container_port" {
  description = "Port the web container listens on (passed as TESTLENS_ADDR); the load balancer forwards to it."
  type        = number
  default     = 8080

  validation {
    condition     = var.web_container_port >= 1024 && var.web_container_port <= 65535
    error_message = "web_container_port must be between 1024 and 65535."
  }
}

variable "web_cpu" {
  description = "CPU units of one web task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384."
  type        = number
  default     = 512

  validation {
    condition     = contains(keys(local.fargate_memory_mib), tostring(var.web_cpu))
    error_message = "web_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "web_memory" {
  description = "Memory (MiB) of one web task; must be a Fargate combination with web_cpu (e.g. 512 CPU: 1024-4096 in 1024 steps)."
  type        = number
  default     = 1024

  validation {
    condition     = contains(lookup(local.fargate_memory_mib, tostring(var.web_cpu), []), var.web_memory)
    error_message = "web_memory is not a Fargate memory size for web_cpu (256: 512/1024/2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384; 4096: 8192-30720, in 1024 MiB steps; 8192: 16384-61440 in 4096 steps; 16384: 32768-122880 in 8192 steps)."
  }
}

variable "web_desired_count" {
  description = "Number of web tasks at creation; autoscaling moves it between web_min_count and web_max_count afterwards."
  type        = number
  default     = 2

  validation {
    condition     = var.web_desired_count >= var.web_min_count && var.web_desired_count <= var.web_max_count
    error_message = "web_desired_count must be between web_min_count and web_max_count."
  }
}

variable "web_min_count" {
  description = "Fewest web tasks autoscaling keeps (at least 1: the API stays up)."
  type        = number
  default     = 2

  validation {
    condition     = var.web_min_count >= 1 && floor(var.web_min_count) == var.web_min_count
    error_message = "web_min_count must be a whole number of at least 1."
  }
}

variable "web_max_count" {
  description = "Most web tasks autoscaling starts."
  type        = number
  default     = 4

  validation {
    condition     = var.web_max_count >= var.web_min_count && var.web_max_count <= 100
    error_message = "web_max_count must be at least web_min_count and at most 100."
  }
}

variable "web_cpu_target_percent" {
  description = "Average CPU utilisation (percent) of the web service that autoscaling keeps."
  type        = number
  default     = 60

  validation {
    condition     = var.web_cpu_target_percent >= 10 && var.web_cpu_target_percent <= 90
    error_message = "web_cpu_target_percent must be between 10 and 90."
  }
}

variable "web_requests_per_target" {
  description = "Load balancer requests per minute per web task that autoscaling keeps (ALBRequestCountPerTarget)."
  type        = number
  default     = 1000

  validation {
    condition     = var.web_requests_per_target >= 10
    error_message = "web_requests_per_target must be at least 10."
  }
}

variable "web_environment" {
  description = "Extra plain environment variables of the web container (e.g. TESTLENS_LOG_LEVEL). Never secrets: those go in web_secret_arns."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.web_environment) : can(regex("^[A-Z_][A-Z0-9_]*$", k)) && !can(regex("DATABASE_URL|PASSWORD|SECRET|TOKEN|KEY", k))])
    error_message = "web_environment keys must be upper-case environment names and must not look like secrets (DATABASE_URL, *PASSWORD*, *SECRET*, *TOKEN*, *KEY*): put those in web_secret_arns."
  }
}

variable "web_secret_arns" {
  description = "Extra secrets of the web container: environment variable name => ARN of a Secrets Manager secret (optionally with :json-key:: suffix) or SSM SecureString parameter. Only the web execution role may read them. {} for none."
  type        = map(string)

  validation {
    condition     = alltrue([for k, v in var.web_secret_arns : can(regex("^[A-Z_][A-Z0-9_]*$", k)) && k != "DATABASE_URL" && can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:|ssm:[a-z0-9-]+:[0-9]{12}:parameter/)", v))])
    error_message = "web_secret_arns must map upper-case names (not DATABASE_URL, which is always set) to Secrets Manager secret or SSM parameter ARNs."
  }
}

# ---------------------------------------------------------------- collector (analysis worker)

variable "collector_image" {
  description = "Container image of the collector (must contain git), pinned by tag or digest. Released independently of web_image."
  type        = string

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.collector_image))
    error_message = "collector_image must name a tag or a sha256 digest."
  }
}

variable "collector_cpu" {
  description = "CPU units of one collector task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384. Analyses clone and parse in parallel, so this is normally larger than web_cpu."
  type        = number
  default     = 2048

  validation {
    condition     = contains(keys(local.fargate_memory_mib), tostring(var.collector_cpu))
    error_message = "collector_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "collector_memory" {
  description = "Memory (MiB) of one collector task; must be a Fargate combination with collector_cpu. Memory grows with collector_concurrency."
  type        = number
  default     = 4096

  validation {
    condition     = contains(lookup(local.fargate_memory_mib, tostring(var.collector_cpu), []), var.collector_memory)
    error_message = "collector_memory is not a Fargate memory size for collector_cpu (256: 512/1024/2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384; 4096: 8192-30720, in 1024 MiB steps; 8192: 16384-61440 in 4096 steps; 16384: 32768-122880 in 8192 steps)."
  }
}

variable "collector_desired_count" {
  description = "Number of collector tasks at creation; autoscaling moves it between collector_min_count and collector_max_count afterwards."
  type        = number
  default     = 1

  validation {
    condition     = var.collector_desired_count >= var.collector_min_count && var.collector_desired_count <= var.collector_max_count
    error_message = "collector_desired_count must be between collector_min_count and collector_max_count."
  }
}

variable "collector_min_count" {
  description = "Fewest collector tasks autoscaling keeps (at least 1: CPU scaling cannot start from zero tasks)."
  type        = number
  default     = 1

  validation {
    condition     = var.collector_min_count >= 1 && floor(var.collector_min_count) == var.collector_min_count
    error_message = "collector_min_count must be a whole number of at least 1."
  }
}

variable "collector_max_count" {
  description = "Most collector tasks autoscaling starts. Each holds database connections: keep the sum over both services below the database's max_connections."
  type        = number
  default     = 4

  validation {
    condition     = var.collector_max_count >= var.collector_min_count && var.collector_max_count <= 100
    error_message = "collector_max_count must be at least collector_min_count and at most 100."
  }
}

variable "collector_cpu_target_percent" {
  description = "Average CPU utilisation (percent) of the collector service that autoscaling keeps. Busy collectors parse at full CPU, so this tracks queue pressure."
  type        = number
  default     = 70

  validation {
    condition     = var.collector_cpu_target_percent >= 10 && var.collector_cpu_target_percent <= 90
    error_message = "collector_cpu_target_percent must be between 10 and 90."
  }
}

variable "collector_concurrency" {
  description = "Analyses one collector task runs at once (TESTLENS_COLLECTOR_CONCURRENCY)."
  type        = number
  default     = 2

  validation {
    condition     = var.collector_concurrency >= 1 && var.collector_concurrency <= 64
    error_message = "collector_concurrency must be between 1 and 64."
  }
}

variable "collector_ephemeral_storage_gib" {
  description = "Task storage (GiB) of one collector task, where clones are checked out (up to 1 GiB each by default)."
  type        = number
  default     = 30

  validation {
    condition     = var.collector_ephemeral_storage_gib >= 21 && var.collector_ephemeral_storage_gib <= 200
    error_message = "collector_ephemeral_storage_gib must be between 21 and 200."
  }
}

variable "collector_environment" {
  description = "Extra plain environment variables of the collector container (e.g. TESTLENS_ANALYSIS_TIMEOUT). Never secrets: those go in collector_secret_arns."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.collector_environment) : can(regex("^[A-Z_][A-Z0-9_]*$", k)) && !can(regex("DATABASE_URL|PASSWORD|SECRET|TOKEN|KEY", k))])
    error_message = "collector_environment keys must be upper-case environment names and must not look like secrets (DATABASE_URL, *PASSWORD*, *SECRET*, *TOKEN*, *KEY*): put those in collector_secret_arns."
  }
}

variable "collector_secret_arns" {
  description = "Extra secrets of the collector container: environment variable name => ARN of a Secrets Manager secret (optionally with :json-key:: suffix) or SSM SecureString parameter. Only the collector execution role may read them. {} for none."
  type        = map(string)

  validation {
    condition     = alltrue([for k, v in var.collector_secret_arns : can(regex("^[A-Z_][A-Z0-9_]*$", k)) && k != "DATABASE_URL" && can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:|ssm:[a-z0-9-]+:[0-9]{12}:parameter/)", v))])
    error_message = "collector_secret_arns must map upper-case names (not DATABASE_URL, which is always set) to Secrets Manager secret or SSM parameter ARNs."
  }
}

variable "migrate_image" {
  description = "Image of the one-off `collector migrate` task definition. Set it to the next collector image and apply before rolling out web_image/collector_image (README.md, Migrations); null uses collector_image."
  type        = string
  default     = null

  validation {
    condition     = var.migrate_image == null || can(regex("^[^\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.migrate_image))
    error_message = "migrate_image must be null or name a tag or a sha256 digest."
  }
}

# ---------------------------------------------------------------- database (RDS PostgreSQL)

variable "db_instance_class" {
  description = "RDS instance class of the PostgreSQL database, e.g. db.t4g.small."
  type        = string
  default     = "db.t4g.small"

  validation {
    condition     = can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", var.db_instance_class))
    error_message = "db_instance_class must be an RDS instance class such as db.t4g.small or db.m7g.large."
  }
}

variable "db_engine_version" {
  description = "PostgreSQL major version (or major.minor). Minor upgrades are applied automatically in the maintenance window."
  type        = string
  default     = "15"

  validation {
    condition     = can(regex("^1[5-9](\\.[0-9]+)?$", var.db_engine_version))
    error_message = "db_engine_version must be PostgreSQL 15 or later, e.g. \"15\" or \"15.8\"."
  }
}

variable "db_allocated_storage_gib" {
  description = "Initial storage of the database in GiB (gp3)."
  type        = number
  default     = 20

  validation {
    condition     = var.db_allocated_storage_gib >= 20 && var.db_allocated_storage_gib <= 65536
    error_message = "db_allocated_storage_gib must be between 20 and 65536."
  }
}

variable "db_max_allocated_storage_gib" {
  description = "Upper limit (GiB) to which RDS storage autoscaling may grow the database."
  type        = number
  default     = 100

  validation {
    condition     = var.db_max_allocated_storage_gib >= var.db_allocated_storage_gib && var.db_max_allocated_storage_gib <= 65536
    error_message = "db_max_allocated_storage_gib must be at least db_allocated_storage_gib and at most 65536."
  }
}

variable "db_backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 7

  validation {
    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 1 and 35 (backups cannot be turned off here)."
  }
}

variable "db_multi_az" {
  description = "Run the database with a standby in a second availability zone."
  type        = bool
  default     = false
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database (set false, apply, then destroy to remove it). A final snapshot is taken on deletion either way."
  type        = bool
  default     = true
}

variable "db_performance_insights" {
  description = "Enable Performance Insights on the database."
  type        = bool
  default     = false
}

variable "db_password" {
  description = "Password of the database user `testlens`. Ephemeral: it is written to RDS and into the DATABASE_URL secret through write-only arguments and never stored in the plan or state. Give it from your secret store (TF_VAR_db_password); it is used when the database is created and whenever db_password_version changes. 16-128 characters, no / @ \" or spaces."
  type        = string
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = length(var.db_password) >= 16 && length(var.db_password) <= 128 && !can(regex("[/@\" ]", var.db_password))
    error_message = "db_password must be 16-128 characters without /, @, \" or spaces."
  }
}

variable "db_password_version" {
  description = "Version of db_password. Increase it (with a new TF_VAR_db_password) to rotate the password: RDS and the DATABASE_URL secret are updated together."
  type        = number

  validation {
    condition     = var.db_password_version >= 1 && floor(var.db_password_version) == var.db_password_version
    error_message = "db_password_version must be a whole number of at least 1."
  }
}
