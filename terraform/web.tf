# web: the HTTP API. A Fargate service behind the load balancer with its own
# size (web_cpu/web_memory), count (web_desired/min/max_count), target-tracking
# autoscaling on CPU and on requests per task, security group (inbound only
# from the load balancer), IAM roles and log group.

locals {
  # Secrets the web container receives: DATABASE_URL plus web_secret_arns.
  web_secrets = merge(var.web_secret_arns, { DATABASE_URL = aws_secretsmanager_secret.database_url.arn })

  # What the web execution role may read: exactly those secrets. A Secrets
  # Manager ARN loses the ":json-key:version-stage:version-id" suffix that ECS
  # accepts in valueFrom but IAM does not.
  web_secretsmanager_arns = distinct(concat(
    [aws_secretsmanager_secret.database_url.arn],
    [for arn in values(var.web_secret_arns) : join(":", slice(split(":", arn), 0, 7)) if split(":", arn)[2] == "secretsmanager"],
  ))
  web_ssm_parameter_arns = distinct([for arn in values(var.web_secret_arns) : arn if split(":", arn)[2] == "ssm"])
}

resource "aws_security_group" "web" {
  name        = "${local.name}-web"
  description = "Testlens web tasks: in from the load balancer on the container port only"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${local.name}-web" }
}

resource "aws_vpc_security_group_ingress_rule" "web_from_alb" {
  security_group_id            = aws_security_group.web.id
  description                  = "HTTP from the load balancer"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = var.web_container_port
  to_port                      = var.web_container_port
}

resource "aws_vpc_security_group_egress_rule" "web_to_db" {
  security_group_id            = aws_security_group.web.id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_egress_rule" "web_https" {
  security_group_id = aws_security_group.web.id
  description       = "HTTPS to AWS APIs and the image registry (through NAT)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_cloudwatch_log_group" "web" {
  name              = "/ecs/${local.name}/web"
  retention_in_days = var.log_retention_days
}

# Execution role: used by ECS (not the application) to pull the image, write
# the web log group and read the web secrets — and nothing else.
resource "aws_iam_role" "web_execution" {
  name               = "${local.name}-web-execution"
  description        = "ECS pulls the web image, writes its logs and reads its secrets"
  assume_role_policy = local.ecs_tasks_assume_role_policy
}

resource "aws_iam_role_policy" "web_execution" {
  name = "web-execution"
  role = aws_iam_role.web_execution.id
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
          Resource = "${aws_cloudwatch_log_group.web.arn}:*"
        },
        {
          Sid      = "ReadOwnSecrets"
          Effect   = "Allow"
          Action   = ["secretsmanager:GetSecretValue"]
          Resource = local.web_secretsmanager_arns
        },
      ],
      length(local.web_ssm_parameter_arns) == 0 ? [] : [{
        Sid      = "ReadOwnParameters"
        Effect   = "Allow"
        Action   = ["ssm:GetParameters"]
        Resource = local.web_ssm_parameter_arns
      }],
    )
  })
}

# Task role: the identity of the web process itself. It needs no AWS API
# today; attach policies here, never to the collector's role.
resource "aws_iam_role" "web_task" {
  name               = "${local.name}-web-task"
  description        = "Identity of the Testlens web containers"
  assume_role_policy = local.ecs_tasks_assume_role_policy
}

resource "aws_ecs_task_definition" "web" {
  family                   = "${local.name}-web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.web_cpu
  memory                   = var.web_memory
  execution_role_arn       = aws_iam_role.web_execution.arn
  task_role_arn            = aws_iam_role.web_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([{
    name      = "web"
    image     = var.web_image
    essential = true
    portMappings = [{
      containerPort = var.web_container_port
      protocol      = "tcp"
    }]
    environment = [
      for name, value in merge(var.web_environment, {
        TESTLENS_ADDR       = ":${var.web_container_port}"
        TESTLENS_LOG_FORMAT = "json"
      }) : { name = name, value = value }
    ]
    secrets = [for name, arn in local.web_secrets : { name = name, valueFrom = arn }]
    # SIGTERM, then TESTLENS_SHUTDOWN_TIMEOUT (10s) to drain, then SIGKILL.
    stopTimeout = 30
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.web.name
        awslogs-region        = var.aws_region
        awslogs-stream-prefix = "web"
      }
    }
  }])
}

resource "aws_ecs_service" "web" {
  name            = "web"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.web.arn
  launch_type     = "FARGATE"
  desired_count   = var.web_desired_count

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 30

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.web.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "web"
    container_port   = var.web_container_port
  }

  # Autoscaling owns the running count after creation.
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener.http, aws_iam_role_policy.web_execution, aws_secretsmanager_secret_version.database_url]
}

resource "aws_appautoscaling_target" "web" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.web.name}"
  min_capacity       = var.web_min_count
  max_capacity       = var.web_max_count
}

resource "aws_appautoscaling_policy" "web_cpu" {
  name               = "${local.name}-web-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.web.service_namespace
  scalable_dimension = aws_appautoscaling_target.web.scalable_dimension
  resource_id        = aws_appautoscaling_target.web.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.web_cpu_target_percent
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "web_requests" {
  name               = "${local.name}-web-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.web.service_namespace
  scalable_dimension = aws_appautoscaling_target.web.scalable_dimension
  resource_id        = aws_appautoscaling_target.web.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.web_requests_per_target
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.web.arn_suffix}/${aws_lb_target_group.web.arn_suffix}"
    }
  }
}
