# Terraform 1.11.4 or later: the database password is an ephemeral input
# variable written through write-only arguments (1.11), and mock providers in
# `terraform test` null write-only attributes correctly from 1.11.4 on.
terraform {
  required_version = ">= 1.11.4"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0, < 7.0"
    }
  }

  # Partial configuration: bucket, key and region are given at init time, one
  # state per environment (see README.md, "Apply").
  backend "s3" {}
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge(var.tags, {
      Project     = "testlens"
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}
