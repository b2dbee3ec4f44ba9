output "alb_dns_name" {
  description = "DNS name of the load balancer; point domain_name at it."
  value       = aws_lb.web.dns_name
}

output "api_url" {
  description = "Base URL of the Testlens API."
  value       = "${local.https ? "https" : "http"}://${coalesce(var.domain_name, aws_lb.web.dns_name)}"
}

output "cluster_name" {
  description = "Name of the ECS cluster running web and collector."
  value       = aws_ecs_cluster.this.name
}

output "web_service_name" {
  description = "Name of the web ECS service."
  value       = aws_ecs_service.web.name
}

output "collector_service_name" {
  description = "Name of the collector ECS service."
  value       = aws_ecs_service.collector.name
}

output "db_endpoint" {
  description = "host:port of the PostgreSQL database (the password is only in the DATABASE_URL secret)."
  value       = "${aws_db_instance.this.address}:${aws_db_instance.this.port}"
}

output "database_url_secret_arn" {
  description = "ARN of the Secrets Manager secret holding DATABASE_URL."
  value       = aws_secretsmanager_secret.database_url.arn
}

output "web_log_group_name" {
  description = "CloudWatch log group of the web service."
  value       = aws_cloudwatch_log_group.web.name
}

output "collector_log_group_name" {
  description = "CloudWatch log group of the collector service and of the migrate task (stream prefix migrate/)."
  value       = aws_cloudwatch_log_group.collector.name
}

output "migrate_task_definition" {
  description = "Family of the one-off `collector migrate` task definition."
  value       = aws_ecs_task_definition.migrate.family
}

output "migrate_run_task_command" {
  description = "AWS CLI command that starts the migrate task; it prints the task ARN to wait on (README.md, Migrations)."
  value = join(" ", [
    "aws ecs run-task",
    "--region ${var.aws_region}",
    "--cluster ${aws_ecs_cluster.this.name}",
    "--task-definition ${aws_ecs_task_definition.migrate.family}",
    "--launch-type FARGATE",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", aws_subnet.private[*].id)}],securityGroups=[${aws_security_group.collector.id}],assignPublicIp=DISABLED}'",
    "--query 'tasks[0].taskArn' --output text",
  ])
}
