# large: production traffic. Several web tasks behind HTTPS, many large
# collectors, a Multi-AZ database with Performance Insights, one NAT gateway
# per availability zone.
#
#   export TF_VAR_db_password=...   # from your secret store, never in this file
#   terraform plan -var-file=environments/large.tfvars \
#     -var certificate_arn=arn:aws:acm:eu-west-1:123456789012:certificate/... \
#     -var domain_name=testlens.example.com

aws_region  = "eu-west-1"
environment = "large"

web_image       = "ghcr.io/testlens/web:v0.1.0"
collector_image = "ghcr.io/testlens/collector:v0.1.0"

# web: 1 vCPU / 2 GiB, 3-12 tasks
web_cpu                 = 1024
web_memory              = 2048
web_desired_count       = 3
web_min_count           = 3
web_max_count           = 12
web_requests_per_target = 2000

# collector: 4 vCPU / 16 GiB, 4-32 tasks, four analyses at a time each
collector_cpu                   = 4096
collector_memory                = 16384
collector_desired_count         = 4
collector_min_count             = 4
collector_max_count             = 32
collector_concurrency           = 4
collector_ephemeral_storage_gib = 60

web_secret_arns       = {}
collector_secret_arns = {}

db_instance_class            = "db.m7g.xlarge"
db_allocated_storage_gib     = 200
db_max_allocated_storage_gib = 1000
db_backup_retention_days     = 14
db_multi_az                  = true
db_deletion_protection       = true
db_performance_insights      = true
db_password_version          = 1

nat_gateway_per_az = true
log_retention_days = 90
