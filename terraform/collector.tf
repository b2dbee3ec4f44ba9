# collector: the analysis worker. A Fargate service with its own, larger size
# (collector_cpu/collector_memory), count (collector_desired/min/max_count),
# CPU target-tracking autoscaling, IAM roles and log group. It is attached to
# no load balancer and its security group has no ingress rule at all: it only
# connects out (to PostgreSQL and, over HTTPS, to git hosts and AWS APIs).
#
# Queue depth: nothing publishes River's backlog to CloudWatch yet, so the
# collector scales on CPU — a collector working analyses parses at full CPU,
# an idle one sits near zero. README.md ("Scaling") says how to add a
# queue-depth step policy once a metric exists.

locals {
  # Secrets the collector container receives: DATABASE_URL plus collector_secret_arns.
  collector_secrets = merge(var.collector_secret_arns, { DATABASE_URL = aws_secretsmanager_secret.database_url.arn })

  # What the collector execution role may read: exactly those secrets (see web.tf).
  collector_secretsmanager_arns = distinct(concat(
    [aws_secretsmanager_secret.database_url.arn],
    [for arn in values(var.collector_secret_arns) : join(":", slice(split(":", arn), 0, 7)) if split(":", arn)[2] == "secretsmanager"],
  ))
  collector_ssm_parameter_arns = distinct([for arn in values(var.collector_secret_arns) : arn if split(":", arn)[2] == "ssm"])
}

# No ingress rules reference this group, and none may (e2e/terraform_test.go).
resource "aws_security_group" "collector" {
  name        = "${local.name}-collector"
  description = "Testlens collector tasks: no inbound traffic; out to PostgreSQL and HTTPS"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${local.name}-collector" }
}

resource "aws_vpc_security_group_egress_rule" "collector_to_db" {
  security_group_id            = aws_security_group.collector.id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_egress_rule" "collector_https" {
  security_group_id = aws_security_group.collector.id
  description       = "HTTPS to git hosts (clones), AWS APIs and the image registry (through NAT)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_cloudwatch_log_group" "collector" {
  name              = "/ecs/${local.name}/collector"
  retention_in_days = var.log_retention_days
}

# Execution role: used by ECS to pull the collector image, write the collector
# log group and read the collector secrets — and nothing else. The one-off
# migrate task (migrate.tf) runs the collector binary with this role too.
resource "aws_iam_role" "collector_execution" {
  name               = "${local.name}-collector-execution"
  description        = "ECS pulls the collector image, writes its logs and reads its secrets"
  assume_role_policy = local.ecs_tasks_assume_role_policy
}

resource "aws_iam_role_policy" "collector_execution" {
  name = "collector-execution"
  role = aws_iam_role.collector_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "PullImage"
          Effect   = "Allow"
          Action   = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
          Resource = "*"
        },
        {
          Sid      = "WriteOwnLogs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = "${aws_cloudwatch_log_group.collector.arn}:*"
        },
        {
          Sid      = "ReadOwnSecrets"
          Effect   = "Allow"
          Action   = ["secretsmanager:GetSecretValue"]
          Resource = local.collector_secretsmanager_arns
        },
      ],
      length(local.collector_ssm_parameter_arns) == 0 ? [] : [{
        Sid      = "ReadOwnParameters"
        Effect   = "Allow"
        Action   = ["ssm:GetParameters"]
        Resource = local.collector_ssm_parameter_arns
      }],
    )
  })
}

# Task role: the identity of the collector process itself. It needs no AWS
# API today (a queue-depth publisher would get cloudwatch:PutMetricData here).
resource "aws_iam_role" "collector_task" {
  name               = "${local.name}-collector-task"
  description        = "Identity of the Testlens collector containers"
  assume_role_policy = local.ecs_tasks_assume_role_policy
}

resource "aws_ecs_task_definition" "collector" {
  family                   = "${local.name}-collector"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.collector_cpu
  memory                   = var.collector_memory
  execution_role_arn       = aws_iam_role.collector_execution.arn
  task_role_arn            = aws_iam_role.collector_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  ephemeral_storage {
    size_in_gib = var.collector_ephemeral_storage_gib
  }

  container_definitions = jsonencode([{
    name      = "collector"
    image     = var.collector_image
    command   = ["run"]
    essential = true
    environment = [
      for name, value in merge(var.collector_environment, {
        TESTLENS_COLLECTOR_CONCURRENCY = tostring(var.collector_concurrency)
        # The Go heap's soft limit: three quarters of the task, the rest
        # for tree-sitter's C memory and git (the binary's own default,
        # 512 MiB, is for a laptop).
        GOMEMLIMIT = "${floor(var.collector_memory * 3 / 4)}MiB"
        # Running analyses get 90s after SIGTERM, then go back to the queue;
        # ECS sends SIGKILL at stopTimeout (120s, the Fargate maximum).
        TESTLENS_SOFT_STOP_TIMEOUT = "90s"
      }) : { name = name, value = value }
    ]
    secrets     = [for name, arn in local.collector_secrets : { name = name, valueFrom = arn }]
    stopTimeout = 120
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.collector.name
        awslogs-region        = var.aws_region
        awslogs-stream-prefix = "collector"
      }
    }
  }])
}

resource "aws_ecs_service" "collector" {
  name            = "collector"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.collector.arn
  launch_type     = "FARGATE"
  desired_count   = var.collector_desired_count

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.collector.id]
    assign_public_ip = false
  }

  # Autoscaling owns the running count after creation.
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_iam_role_policy.collector_execution, aws_secretsmanager_secret_version.database_url]
}

resource "aws_appautoscaling_target" "collector" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.collector.name}"
  min_capacity       = var.collector_min_count
  max_capacity       = var.collector_max_count
}

resource "aws_appautoscaling_policy" "collector_cpu" {
  name               = "${local.name}-collector-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.collector.service_namespace
  scalable_dimension = aws_appautoscaling_target.collector.scalable_dimension
  resource_id        = aws_appautoscaling_target.collector.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.collector_cpu_target_percent
    scale_out_cooldown = 60
    # Scale in slowly: a stopped collector hands its running analyses back to
    # the queue after TESTLENS_SOFT_STOP_TIMEOUT.
    scale_in_cooldown = 600

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
