# The deployment against a mocked AWS provider: no credentials and no AWS API
# calls, but Terraform still needs the hashicorp/aws provider binary for its
# schema (`make tf-test`, README.md). Run once per environment:
#
#   terraform test -var-file=environments/small.tfvars
#   terraform test -var-file=environments/large.tfvars
#
# The assertions compare the planned resources with the variables of the
# environment under test, so the same file checks both sizes.

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
}

variables {
  # Test-only value; real deployments pass TF_VAR_db_password.
  db_password = "test-only-password-not-a-secret"
}

run "sizes_counts_and_exposure" {
  command = plan

  assert {
    condition     = aws_ecs_task_definition.web.cpu == tostring(var.web_cpu) && aws_ecs_task_definition.web.memory == tostring(var.web_memory)
    error_message = "The web task definition must take its size from web_cpu/web_memory."
  }

  assert {
    condition     = aws_ecs_task_definition.collector.cpu == tostring(var.collector_cpu) && aws_ecs_task_definition.collector.memory == tostring(var.collector_memory)
    error_message = "The collector task definition must take its size from collector_cpu/collector_memory."
  }

  assert {
    condition     = tonumber(aws_ecs_task_definition.collector.memory) > tonumber(aws_ecs_task_definition.web.memory)
    error_message = "The collector must get more memory than web in this environment."
  }

  assert {
    condition     = aws_ecs_service.web.desired_count == var.web_desired_count && aws_appautoscaling_target.web.min_capacity == var.web_min_count && aws_appautoscaling_target.web.max_capacity == var.web_max_count
    error_message = "The web service and its autoscaling target must take their counts from web_desired_count/web_min_count/web_max_count."
  }

  assert {
    condition     = aws_ecs_service.collector.desired_count == var.collector_desired_count && aws_appautoscaling_target.collector.min_capacity == var.collector_min_count && aws_appautoscaling_target.collector.max_capacity == var.collector_max_count
    error_message = "The collector service and its autoscaling target must take their counts from collector_desired_count/collector_min_count/collector_max_count."
  }

  assert {
    condition     = length(aws_ecs_service.web.load_balancer) == 1 && length(aws_ecs_service.collector.load_balancer) == 0
    error_message = "Only the web service may be attached to the load balancer."
  }

  assert {
    condition     = aws_ecs_service.web.network_configuration[0].assign_public_ip == false && aws_ecs_service.collector.network_configuration[0].assign_public_ip == false
    error_message = "Tasks must not get public IP addresses."
  }

  assert {
    condition     = aws_db_instance.this.publicly_accessible == false && aws_db_instance.this.storage_encrypted == true
    error_message = "The database must be private and encrypted."
  }

  assert {
    condition     = aws_db_instance.this.engine == "postgres" && aws_db_instance.this.instance_class == var.db_instance_class
    error_message = "The database must be PostgreSQL of class db_instance_class."
  }

  assert {
    condition     = aws_lb_target_group.web.health_check[0].path == "/readyz"
    error_message = "The load balancer must check web's readiness endpoint."
  }
}

run "network_paths_and_secrets" {
  # Apply against the mock so that resource ids exist and can be compared.
  command = apply

  assert {
    condition     = aws_vpc_security_group_ingress_rule.web_from_alb.security_group_id == aws_security_group.web.id && aws_vpc_security_group_ingress_rule.web_from_alb.referenced_security_group_id == aws_security_group.alb.id
    error_message = "web must accept traffic from the load balancer's security group."
  }

  assert {
    condition = alltrue([
      for rule in concat(
        values(aws_vpc_security_group_ingress_rule.alb_public),
        [aws_vpc_security_group_ingress_rule.web_from_alb, aws_vpc_security_group_ingress_rule.db_from_web, aws_vpc_security_group_ingress_rule.db_from_collector],
      ) : rule.security_group_id != aws_security_group.collector.id
    ])
    error_message = "The collector's security group must have no ingress rule."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.db_from_web.referenced_security_group_id == aws_security_group.web.id && aws_vpc_security_group_ingress_rule.db_from_collector.referenced_security_group_id == aws_security_group.collector.id
    error_message = "PostgreSQL must accept web and collector."
  }

  assert {
    condition     = aws_ecs_service.web.network_configuration[0].security_groups == toset([aws_security_group.web.id]) && aws_ecs_service.collector.network_configuration[0].security_groups == toset([aws_security_group.collector.id])
    error_message = "Each service must run in its own security group."
  }

  assert {
    condition = alltrue([
      for td in [aws_ecs_task_definition.web, aws_ecs_task_definition.collector, aws_ecs_task_definition.migrate] :
      contains([for s in jsondecode(td.container_definitions)[0].secrets : s.name], "DATABASE_URL")
      && !contains([for e in try(jsondecode(td.container_definitions)[0].environment, []) : e.name], "DATABASE_URL")
    ])
    error_message = "DATABASE_URL must come from the secrets block, never from environment."
  }

  assert {
    condition     = contains([for e in jsondecode(aws_ecs_task_definition.collector.container_definitions)[0].environment : e.value if e.name == "GOMEMLIMIT"], "${floor(var.collector_memory * 3 / 4)}MiB")
    error_message = "The collector's Go heap limit (GOMEMLIMIT) must be three quarters of its task's memory."
  }

  assert {
    condition     = aws_iam_role.web_execution.arn != aws_iam_role.collector_execution.arn && aws_iam_role.web_task.arn != aws_iam_role.collector_task.arn
    error_message = "web and collector must have separate IAM roles."
  }
}
