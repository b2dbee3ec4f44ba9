# One Fargate cluster holds both services; they share nothing else (each has
# its own task definition, size, count, autoscaling, security group, IAM roles
# and log group).
resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = var.container_insights ? "enabled" : "disabled"
  }
}
