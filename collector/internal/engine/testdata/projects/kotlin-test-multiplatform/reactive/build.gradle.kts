dependencies {
    testImplementation(kotlin("test-junit5"))
}
