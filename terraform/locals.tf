data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

locals {
  # testlens-<environment>: the prefix of every name (ALB and target group
  # names stay within AWS's 32 characters).
  name = "testlens-${var.environment}"

  # Two availability zones: the load balancer and RDS subnet groups need two.
  azs = slice(data.aws_availability_zones.available.names, 0, 2)

  # Fargate task sizes: CPU units => the memory sizes (MiB) allowed with them.
  fargate_memory_mib = {
    "256"   = [512, 1024, 2048]
    "512"   = [for gib in range(1, 5) : gib * 1024]
    "1024"  = [for gib in range(2, 9) : gib * 1024]
    "2048"  = [for gib in range(4, 17) : gib * 1024]
    "4096"  = [for gib in range(8, 31) : gib * 1024]
    "8192"  = [for gib in range(16, 61, 4) : gib * 1024]
    "16384" = [for gib in range(32, 121, 8) : gib * 1024]
  }

  https = var.certificate_arn != null

  # Trust policy of every ECS task and execution role: only ECS tasks of this
  # account may assume them.
  ecs_tasks_assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
      }
    }]
  })
}
