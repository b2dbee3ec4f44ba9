# small: a trial or low-traffic deployment. One small web task pair, one
# collector, a burstable single-AZ database, one NAT gateway, plain HTTP
# unless certificate_arn is set.
#
#   export TF_VAR_db_password=...   # from your secret store, never in this file
#   terraform plan -var-file=environments/small.tfvars

aws_region  = "eu-west-1"
environment = "small"

web_image       = "ghcr.io/testlens/web:v0.1.0"
collector_image = "ghcr.io/testlens/collector:v0.1.0"

# web: 0.25 vCPU / 0.5 GiB, 1-2 tasks
web_cpu           = 256
web_memory        = 512
web_desired_count = 1
web_min_count     = 1
web_max_count     = 2

# collector: 1 vCPU / 2 GiB, 1-2 tasks, one analysis at a time each
collector_cpu           = 1024
collector_memory        = 2048
collector_desired_count = 1
collector_min_count     = 1
collector_max_count     = 2
collector_concurrency   = 1

web_secret_arns       = {}
collector_secret_arns = {}

db_instance_class            = "db.t4g.micro"
db_allocated_storage_gib     = 20
db_max_allocated_storage_gib = 50
db_backup_retention_days     = 3
db_multi_az                  = false
db_deletion_protection       = false
db_password_version          = 1

nat_gateway_per_az = false
log_retention_days = 14
