rootProject.name = "wallet"
