# The one-off schema migration: `collector migrate` (Atlas for schema.sql plus
# River's migrations) as its own task definition, run by hand or by the release
# pipeline with the command in the migrate_run_task_command output — before
# web or collector is rolled out (README.md, "Migrations").
#
# It has its own image variable (migrate_image) so the new schema can be
# applied while the old web and collector keep running. It reuses the
# collector's execution role and log group (same binary, same single secret),
# the collector's security group (no ingress; out to PostgreSQL) and a small
# fixed size: migrating is a few SQL statements.
resource "aws_ecs_task_definition" "migrate" {
  family                   = "${local.name}-migrate"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.collector_execution.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([{
    name      = "migrate"
    image     = coalesce(var.migrate_image, var.collector_image)
    command   = ["migrate"]
    essential = true
    secrets   = [{ name = "DATABASE_URL", valueFrom = aws_secretsmanager_secret.database_url.arn }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.collector.name
        awslogs-region        = var.aws_region
        awslogs-stream-prefix = "migrate"
      }
    }
  }])
}
